package io.elevate.admin;

import io.elevate.api.JsonFields;
import io.elevate.aws.AwsNames;
import io.elevate.aws.SessionTagRules;
import io.elevate.aws.SessionTags;
import io.elevate.validation.Violation;
import io.elevate.window.NewWindow;
import io.elevate.window.Target;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.saml.SamlProtocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns the JSON body of "create a window" into a {@link NewWindow}, or into every rule it breaks. */
final class WindowDraftReader {

    static final String DEFAULT_CLIENT = "urn:amazon:webservices";
    static final int MAX_JUSTIFICATION = 1024;
    /** A window may be scheduled at most this far ahead. */
    static final Duration MAX_LEAD = Duration.ofDays(30);

    private static final Set<String> FIELDS = Set.of("user", "client", "accountId", "roleName", "samlProvider",
            "region", "instanceId", "tags", "startsAt", "endsAt", "durationMinutes", "justification");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Duration maxDuration;

    WindowDraftReader(KeycloakSession session, RealmModel realm, Duration maxDuration) {
        this.session = session;
        this.realm = realm;
        this.maxDuration = maxDuration;
    }

    /** Either the draft (right) or the violations (left); never both. */
    record Result(NewWindow draft, List<Violation> violations) {
    }

    Result read(JsonNode json, String actor, Instant now) {
        JsonFields fields = new JsonFields(json, FIELDS);
        UserModel user = lookup(fields, "user", true, this::user, "no user of this realm has this username or id");
        ClientModel client = lookup(fields, "client", false, this::samlClient,
                "no SAML client of this realm has this client id");
        if (client == null && json.get("client") == null) {
            client = samlClient(DEFAULT_CLIENT);
            if (client == null) {
                fields.reject("client", "is required: this realm has no SAML client " + DEFAULT_CLIENT);
            }
        }
        String accountId = checked(fields, "accountId", true, AwsNames::checkAccountId);
        String roleName = checked(fields, "roleName", true, AwsNames::checkRoleName);
        String samlProvider = checked(fields, "samlProvider", true, AwsNames::checkSamlProvider);
        String region = checked(fields, "region", true, AwsNames::checkRegion);
        String instanceId = checked(fields, "instanceId", false, AwsNames::checkInstanceId);
        Map<String, String> tags = tags(fields);
        String justification = fields.text("justification", true, MAX_JUSTIFICATION, true);
        Span span = span(fields, now);

        if (!fields.violations().isEmpty()) {
            return new Result(null, List.copyOf(fields.violations()));
        }
        Target target = new Target(accountId, roleName, samlProvider, region, instanceId, tags);
        return new Result(NewWindow.granted(user.getId(), client.getId(), target, span.startsAt(), span.endsAt(),
                justification, actor), List.of());
    }

    private Map<String, String> tags(JsonFields fields) {
        Map<String, String> tags = fields.stringMap("tags");
        if (tags.isEmpty()) {
            fields.reject("tags", "at least one ABAC tag is required: without tags the IAM policy grants nothing");
            return tags;
        }
        if (tags.size() >= SessionTagRules.MAX_TAGS) {
            fields.reject("tags", "at most " + (SessionTagRules.MAX_TAGS - 1) + " tags: AWS allows "
                    + SessionTagRules.MAX_TAGS + " and Elevate adds " + SessionTags.ELEVATION_ID);
        }
        tags.keySet().stream().filter(SessionTags::reserved).findFirst().ifPresent(key ->
                fields.reject("tags." + key, "is reserved: Elevate sets it itself"));
        SessionTagRules.check(tags).forEach(problem -> fields.reject("tags", problem));
        return tags;
    }

    private record Span(Instant startsAt, Instant endsAt) {
    }

    private Span span(JsonFields fields, Instant now) {
        Instant startsAt = Optional.ofNullable(fields.instant("startsAt")).orElse(now);
        Instant endsAt = fields.instant("endsAt");
        Integer minutes = fields.integer("durationMinutes");
        if (endsAt != null && minutes != null) {
            fields.reject("durationMinutes", "give endsAt or durationMinutes, not both");
        } else if (minutes != null) {
            if (minutes <= 0) {
                fields.reject("durationMinutes", "must be positive");
            } else {
                endsAt = startsAt.plus(Duration.ofMinutes(minutes));
            }
        } else if (endsAt == null && fields.violations().stream().noneMatch(v -> v.field().equals("endsAt"))) {
            fields.reject("endsAt", "is required (or give durationMinutes)");
        }
        if (endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                fields.reject("endsAt", "must be after startsAt");
            } else if (!endsAt.isAfter(now)) {
                fields.reject("endsAt", "is in the past: the window would never open");
            } else if (Duration.between(startsAt, endsAt).compareTo(maxDuration) > 0) {
                fields.reject("endsAt", "the window lasts longer than the " + maxDuration.toMinutes()
                        + " minutes this server allows");
            }
        }
        if (startsAt.isAfter(now.plus(MAX_LEAD))) {
            fields.reject("startsAt", "is more than " + MAX_LEAD.toDays() + " days ahead");
        }
        return new Span(startsAt, endsAt);
    }

    private static String checked(JsonFields fields, String field, boolean required,
                                  Function<String, Optional<String>> rule) {
        String value = fields.text(field, required, 256);
        if (value == null) {
            return null;
        }
        Optional<String> problem = rule.apply(value);
        problem.ifPresent(p -> fields.reject(field, p));
        return problem.isPresent() ? null : value;
    }

    private static <T> T lookup(JsonFields fields, String field, boolean required, Function<String, T> finder,
                                String notFound) {
        String value = fields.text(field, required, 255);
        if (value == null) {
            return null;
        }
        T found = finder.apply(value);
        if (found == null) {
            fields.reject(field, notFound);
        }
        return found;
    }

    private UserModel user(String usernameOrId) {
        return Users.byUsernameOrId(session, realm, usernameOrId);
    }

    private ClientModel samlClient(String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        return client != null && SamlProtocol.LOGIN_PROTOCOL.equals(client.getProtocol()) ? client : null;
    }
}
