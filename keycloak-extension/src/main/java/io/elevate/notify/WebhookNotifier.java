package io.elevate.notify;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * POSTs every notice to a webhook as a compact JWS ({@code Content-Type: application/jose}) whose payload is the event
 * ({@link NoticeJson}) plus the JWT claims {@code iss} (the realm), {@code aud} (the webhook URL), {@code iat},
 * {@code exp} (10 minutes later) and {@code jti} (unique per delivery, for replay checks). Receivers verify it against
 * {@code /realms/{realm}/elevation/webhook/jwks.json} with any JOSE/JWT library. One attempt, bounded (connect 5 s,
 * answer 10 s), redirects not followed; a non-2xx answer or an error is logged, never thrown.
 */
final class WebhookNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** Shared: it holds a connection pool and a selector thread. Immutable after construction. */
    private static final HttpClient HTTP = client();

    private final HttpClient http;
    private final URI url;
    private final SigningKey key;
    private final String issuer;
    private final String realm;
    private final Clock clock;
    private final Duration timeout;

    WebhookNotifier(URI url, SigningKey key, String issuer, String realm, Clock clock) {
        this(HTTP, REQUEST_TIMEOUT, url, key, issuer, realm, clock);
    }

    WebhookNotifier(HttpClient http, Duration timeout, URI url, SigningKey key, String issuer, String realm,
                    Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.url = url;
        this.key = key;
        this.issuer = issuer;
        this.realm = realm;
        this.clock = clock;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void send(Notice notice) {
        deliver(notice);
    }

    /** Delivers the notice; returns null once the receiver answered 2xx, else what went wrong (logged). */
    String deliver(Notice notice) {
        String jti = UUID.randomUUID().toString();
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/jose")
                    .header("User-Agent", "Elevate")
                    .POST(HttpRequest.BodyPublishers.ofString(sign(notice, jti))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.errorf("The webhook %s answered the %s notice for %s (delivery %s) with HTTP %d", shown(),
                        notice.kind(), notice.window().id(), jti, response.statusCode());
                return "HTTP " + response.statusCode();
            } else {
                LOG.debugf("Delivered the %s notice for %s to %s (delivery %s)", notice.kind(), notice.window().id(),
                        shown(), jti);
                return null;
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Could not deliver the %s notice for %s to the webhook %s (delivery %s): %s", notice.kind(),
                    notice.window().id(), shown(), jti, e.toString());
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("Interrupted while delivering the %s notice for %s to %s", notice.kind(), notice.window().id(),
                    shown());
            return "interrupted";
        }
    }

    /** The webhook as logs show it: scheme, host and port only, since a path or query may carry a secret. */
    String shown() {
        return WebhookUrls.shown(url);
    }

    /** The compact JWS of the notice: its event with the JWT claims first. */
    String sign(Notice notice, String jti) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", url.toString());
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("jti", jti);
        claims.putAll(NoticeJson.event(notice, realm));
        return key.sign(NoticeJson.write(claims));
    }
}
