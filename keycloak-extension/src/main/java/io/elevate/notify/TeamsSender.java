package io.elevate.notify;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * The Teams rows of the notice outbox: the card ({@link TeamsCard}) POSTed as JSON to the policy's Teams workflow
 * webhook (or the realm's), resolved through Keycloak's vault when the setting is a vault reference. Bounded like the
 * webhook (connect 5 s, answer 10 s, no redirects); 2xx is delivered, 429 waits for Retry-After.
 */
final class TeamsSender {

    /** Shared: it holds a connection pool and a selector thread. Immutable after construction. */
    private static final HttpClient HTTP = WebhookNotifier.client();

    private TeamsSender() {
    }

    static Supplier<Outcome> of(KeycloakSession session, RealmModel realm, ChatSettings chat, NoticeEntity row,
                                Notice notice) {
        String policyId = notice.window().request().policyId();
        String policyName = policyId == null || realm.getComponent(policyId) == null ? null
                : realm.getComponent(policyId).getName();
        String setting = chat.teamsWebhookOf(policyId, policyName);
        if (setting == null) {
            return () -> Outcome.refused("the realm no longer names a Teams webhook");
        }
        String url = session.vault().getStringSecret(setting).get().orElse(null);
        if (url == null) {
            return () -> Outcome.failed("the vault has no " + setting);
        }
        URI uri;
        try {
            uri = WebhookUrls.check(url);
        } catch (IllegalArgumentException e) {
            return () -> Outcome.refused("the Teams webhook " + e.getMessage());
        }
        String body = NoticeJson.write(TeamsCard.message(notice));
        return () -> post(uri, body);
    }

    static Outcome post(URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(WebhookNotifier.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "Elevate")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return Outcome.OK;
            }
            if (status == 429) {
                return Outcome.rateLimited("", response.headers().firstValue("Retry-After").orElse(null));
            }
            return Outcome.failed("HTTP " + status);
        } catch (IOException e) {
            return Outcome.failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }
}
