package io.elevate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Elevations;
import io.elevate.testing.TestHttp;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /admin/realms/{realm}/elevation/windows}: what an admin (or a script) sees when granting and revoking. */
@ExtendWith(KeycloakServer.class)
@DisplayName("The window admin API")
class WindowAdminApiIT {

    private KeycloakServer server;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("api");
    }

    @Test
    void grantsAWindowAndRecordsWhoDidIt() {
        JsonResponse created = elevations.create(Elevations.window(user, Duration.ofHours(1))).expectStatus(201);
        JsonNode window = created.body();

        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(window.path("id").asText()));
        assertThat(window.path("username").asText()).isEqualTo(user);
        assertThat(window.path("status").asText()).isEqualTo("APPROVED");
        assertThat(window.path("open").asBoolean()).isTrue();
        assertThat(window.path("createdBy").asText()).isEqualTo("admin");
        assertThat(window.path("sessionManagerUrl").asText()).isEqualTo(
                "https://console.aws.amazon.com/systems-manager/session-manager/i-0123456789abcdef0?region=eu-west-1");

        JsonNode audit = elevations.audit(window.path("id").asText());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("action").asText()).isEqualTo("GRANTED");
        assertThat(audit.get(0).path("actorName").asText()).isEqualTo("admin");
        assertThat(audit.get(0).path("ipAddress").asText()).isNotBlank();
        assertThat(audit.get(0).path("detail").asText()).contains("INC1234");
    }

    @Test
    void revokesOnceWithAReasonAndAuditsIt() {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));

        JsonNode revoked = elevations.revoke(id, "change rolled back").expectStatus(200).body();
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("open").asBoolean()).isFalse();
        assertThat(revoked.path("revokeReason").asText()).isEqualTo("change rolled back");

        assertThat(elevations.revoke(id, "again").status()).isEqualTo(409);
        // Then the revocation outbox's own rows: queued in the revoke's transaction, applied later (RevocationIT).
        assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText())
                .filteredOn(a -> !a.startsWith("REVOCATION_")).containsExactly("GRANTED", "REVOKED");
        assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText())
                .filteredOn("REVOCATION_QUEUED"::equals).hasSize(1);
    }

    @Test
    void answers404ForAnUnknownWindow() {
        assertThat(elevations.window("no-such-window").status()).isEqualTo(404);
        assertThat(elevations.revoke("no-such-window", "x").status()).isEqualTo(404);
    }

    @Test
    void refusesARevokeWithoutReason(AdminApi admin) {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        JsonResponse response = admin.post(DEMO_REALM + "/elevation/windows/" + id + "/revoke", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("violations").get(0).path("field").asText()).isEqualTo("reason");
    }

    @Test
    void listsAUsersWindows(AdminApi admin) {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        String other = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        JsonNode list = admin.get(DEMO_REALM + "/elevation/windows?user=" + user).expectStatus(200).body();
        assertThat(list).extracting(w -> w.path("id").asText()).containsExactlyInAnyOrder(id, other);
        assertThat(list).allSatisfy(w -> assertThat(w.path("tags").properties()).extracting(Map.Entry::getKey)
                .containsExactly("AppGroupName", "AppId", "ReleaseId"));
        assertThat(list).allSatisfy(w -> assertThat(w.path("tags").path("AppId").asText()).isEqualTo("ABC"));
        assertThat(admin.get(DEMO_REALM + "/elevation/windows?status=bogus").status()).isEqualTo(400);
        assertThat(admin.get(DEMO_REALM + "/elevation/windows?usr=" + user).status()).as("a misspelt filter")
                .isEqualTo(400);
        assertThat(admin.get(DEMO_REALM + "/elevation/windows?user=" + user + "&user=admin").status())
                .as("a filter given twice").isEqualTo(400);
        assertThat(admin.get(DEMO_REALM + "/elevation/audit?actor=admin").status()).as("not a filter of the trail")
                .isEqualTo(400);
        assertThat(admin.get(DEMO_REALM + "/elevation/audit?window=" + id).status()).isEqualTo(200);
        assertThat(admin.get(DEMO_REALM + "/elevation/windows?max=100000").status()).isEqualTo(400);
    }

    @Nested
    @DisplayName("refuses with a clear 400")
    class Validation {

        @Test
        void anAccountThatIsNotTwelveDigits() {
            expectViolation(w -> w.put("accountId", "12345"), "accountId", "12-digit");
        }

        @Test
        void aRoleNameIamWouldRefuse() {
            expectViolation(w -> w.put("roleName", "admin role"), "roleName", "IAM role name");
        }

        @Test
        void aMalformedInstanceId() {
            expectViolation(w -> w.put("instanceId", "i-123"), "instanceId", "8 or 17");
        }

        @Test
        void anUnknownRegion() {
            expectViolation(w -> w.put("region", "eu-west-9"), "region", "region");
        }

        @Test
        void aTagValueAwsWouldRefuse() {
            expectViolation(w -> w.put("tags", Map.of("AppId", "A".repeat(257))), "tags", "AWS allows 256");
        }

        @Test
        void aTagWithCharactersAwsRefuses() {
            expectViolation(w -> w.put("tags", Map.of("AppId", "ABC<script>")), "tags", "characters AWS refuses");
        }

        @Test
        void theReservedElevationIdTag() {
            expectViolation(w -> w.put("tags", Map.of("elevationid", "forged")), "tags.elevationid", "reserved");
        }

        @Test
        void noTagsAtAll() {
            expectViolation(w -> w.put("tags", Map.of()), "tags", "at least one");
        }

        @Test
        void anEndBeforeTheStart() {
            expectViolation(w -> w.put("endsAt", Instant.now().minus(Duration.ofHours(2)).toString()), "endsAt",
                    "after startsAt");
        }

        @Test
        void aWindowLongerThanTheServerAllows() {
            expectViolation(w -> w.put("endsAt", Instant.now().plus(Duration.ofDays(3)).toString()), "endsAt",
                    "longer than");
        }

        @Test
        void aTimeThatIsNotAnInstant() {
            expectViolation(w -> w.put("endsAt", "tomorrow"), "endsAt", "ISO-8601");
        }

        @Test
        void anUnknownUser() {
            expectViolation(w -> w.put("user", "nobody-" + System.nanoTime()), "user", "no user");
        }

        @Test
        void aClientThatIsNotSaml() {
            expectViolation(w -> w.put("client", "account"), "client", "no SAML client");
        }

        @Test
        void aMisspelledField() {
            expectViolation(w -> w.put("tag", Map.of("AppId", "ABC")), "tag", "not a known field");
        }

        @Test
        void aMissingJustification() {
            expectViolation(w -> w.remove("justification"), "justification", "required");
        }

        @Test
        void aBodyThatIsNotJson() {
            JsonResponse response = elevations.create("{\"user\": ");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("error").asText()).isEqualTo("invalid_request");
        }

        private void expectViolation(Consumer<Map<String, Object>> change, String field, String message) {
            Map<String, Object> window = Elevations.window(user, Duration.ofHours(1));
            change.accept(window);
            JsonResponse response = elevations.create(window);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.body().path("error").asText()).isEqualTo("invalid_request");
            assertThat(response.body().path("violations")).anySatisfy(v -> {
                assertThat(v.path("field").asText()).isEqualTo(field);
                assertThat(v.path("message").asText()).contains(message);
            });
        }
    }

    @Test
    void isClosedToUsersWithoutRealmManagementRights() throws IOException, InterruptedException {
        HttpClient http = TestHttp.client();
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, UTF_8)
                + "&password=" + URLEncoder.encode(Elevations.PASSWORD, UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body())
                .path("access_token").asText();

        URI windows = URI.create(server.baseUrl() + "/admin/realms/" + DEMO_REALM + "/elevation/windows");
        HttpResponse<String> asUser = http.send(HttpRequest.newBuilder(windows)
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(windows).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(asUser.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
