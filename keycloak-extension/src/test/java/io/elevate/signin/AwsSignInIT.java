package io.elevate.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.saml.SamlVerifier;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensaml.saml.saml2.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * The AWS sign-in through the demo realm, as a browser does it: the IdP-initiated link, the login form, the gate, and
 * the SAML Response that the page would POST to AWS, verified against the realm's signing certificate.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Signing in to AWS")
class AwsSignInIT {

    private static final String AWS = "https://aws.amazon.com/SAML/Attributes/";
    private static final String ACS = "https://signin.aws.amazon.com/saml";
    private static final String DEEP_LINK =
            "https://console.aws.amazon.com/systems-manager/session-manager/i-0123456789abcdef0?region=eu-west-1";

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private AwsSignIn aws;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.aws = new AwsSignIn(server.baseUrl());
        this.user = elevations.newUser("op");
    }

    @Nested
    @DisplayName("for a user whose language is German")
    class InGerman {

        @Test
        void deniesWithTheGatePageInGerman() {
            String id = elevations.userId(user);
            ObjectNode representation = (ObjectNode) admin.get(DEMO_REALM + "/users/" + id).expectStatus(200).body();
            representation.putObject("attributes").putArray("locale").add("de");
            admin.put(DEMO_REALM + "/users/" + id, representation).expectStatus(204);

            Page page = aws.signIn(user, Elevations.PASSWORD);

            assertThat(AwsSignIn.samlPost(page)).isEmpty();
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.text()).contains("Derzeit kein AWS-Zugang",
                    "Sie haben für diesen AWS-Zugang derzeit keine genehmigte Erhöhung.")
                    .doesNotContain("No AWS access right now");
        }
    }

    @Nested
    @DisplayName("inside an approved window")
    class InsideAWindow {

        @Test
        void issuesASignedAssertionWithRoleIdentityDurationTagsAndTheDeepLink() {
            String windowId = elevations.grant(Elevations.window(user, Duration.ofHours(8)));

            SamlPost post = expectSamlPost(aws.signIn(user, Elevations.PASSWORD));
            Response response = verified(post);
            Map<String, List<String>> attributes = SamlAttributes.of(response);

            assertThat(post.acsUrl()).hasToString(ACS);
            assertThat(post.relayState()).isEqualTo(DEEP_LINK);
            assertThat(post.base64Length()).isLessThan(100_000);
            assertThat(SamlAttributes.audiences(response)).contains("urn:amazon:webservices");
            assertThat(attributes).containsEntry(AWS + "Role", List.of(
                    "arn:aws:iam::123456789012:role/ElevateSessionManager,"
                            + "arn:aws:iam::123456789012:saml-provider/Keycloak"));
            assertThat(attributes).containsEntry(AWS + "RoleSessionName", List.of(user));
            assertThat(attributes).containsEntry(AWS + "SourceIdentity", List.of(user));
            assertThat(attributes).containsEntry(AWS + "SessionDuration", List.of("3600"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppGroupName", List.of("webserver"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppId", List.of("ABC"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:ReleaseId", List.of("1.0"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:ElevationId", List.of(windowId));
            assertThat(principalTags(attributes)).hasSize(4);
        }

        @Test
        void endsTheAwsSessionWithTheWindow() {
            Map<String, Object> window = Elevations.window(user, Duration.ofMinutes(40));
            elevations.grant(window);
            Instant endsAt = Instant.parse((String) window.get("endsAt"));

            Response response = verified(expectSamlPost(aws.signIn(user, Elevations.PASSWORD)));
            Map<String, List<String>> attributes = SamlAttributes.of(response);

            long expected = Duration.between(Instant.now(), endsAt).getSeconds();
            assertThat(Long.parseLong(attributes.get(AWS + "SessionDuration").get(0)))
                    .isCloseTo(expected, within(10L))
                    .isLessThanOrEqualTo(expected + 1);
            assertThat(SamlAttributes.sessionNotOnOrAfter(response))
                    .as("SessionNotOnOrAfter is the window's end, not Keycloak's ten-hour SSO maximum")
                    .hasValueSatisfying(end -> assertThat(end).isCloseTo(endsAt, within(1, ChronoUnit.SECONDS)));
        }

        @Test
        void keepsACallersRelayStateOnTheAwsConsole() {
            elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            String console = "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:";

            SamlPost post = expectSamlPost(aws.signIn(user, Elevations.PASSWORD, console));

            assertThat(post.relayState()).isEqualTo(console);
        }

        @Test
        void checksTheWindowAgainOnTheNextSignInOfTheSameSsoSession() {
            String windowId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            expectSamlPost(aws.signIn(user, Elevations.PASSWORD));
            elevations.revoke(windowId, "incident closed").expectStatus(200);

            Page again = aws.again();

            expectDenied(again, "no_open_window");
        }
    }

    @Nested
    @DisplayName("without an open window, no tagged assertion is issued")
    class Denied {

        @Test
        void whenTheUserHasNoWindow() {
            Page page = aws.signIn(user, Elevations.PASSWORD);

            expectDenied(page, "no_open_window");
            assertThat(page.text()).contains("no approved elevation").contains("What to do next");
        }

        @Test
        void whenTheWindowHasEnded() {
            elevations.grant(Elevations.window(user, Duration.ofHours(1)));

            Page page;
            try (var later = server.time().ahead(Duration.ofHours(1).plusMinutes(1))) {
                page = aws.signIn(user, Elevations.PASSWORD);
            }
            // read the events with the clock back, where the admin's token is valid
            expectDenied(page, "no_open_window");
        }

        @Test
        void whenTheWindowHasNotStartedYet() {
            Map<String, Object> window = Elevations.window(user, Duration.ofHours(3));
            window.put("startsAt", Instant.now().plus(Duration.ofHours(1)).toString());
            elevations.grant(window);

            expectDenied(aws.signIn(user, Elevations.PASSWORD), "no_open_window");
        }

        @Test
        void whenTheWindowBelongsToAnotherUser() {
            String colleague = elevations.newUser("colleague");
            elevations.grant(Elevations.window(colleague, Duration.ofHours(2)));

            expectDenied(aws.signIn(user, Elevations.PASSWORD), "no_open_window");
        }

        @Test
        void whenTheWindowWasRevoked() {
            String windowId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            elevations.revoke(windowId, "approved by mistake").expectStatus(200);

            expectDenied(aws.signIn(user, Elevations.PASSWORD), "no_open_window");
        }

        @Test
        void whenTheWindowEndsWithinFifteenMinutes() {
            elevations.grant(Elevations.window(user, Duration.ofMinutes(10)));

            Page page = aws.signIn(user, Elevations.PASSWORD);

            expectDenied(page, "window_ends_too_soon");
            assertThat(page.text()).contains("less than 15 minutes");
        }

        @Test
        void whenTheCallerAsksToBeSentToAForeignHost() {
            elevations.grant(Elevations.window(user, Duration.ofHours(2)));

            Page page = aws.signIn(user, Elevations.PASSWORD, "https://evil.example/phish");

            expectDenied(page, "relay_state_refused");
            assertThat(page.body()).doesNotContain("evil.example");
        }

        @Test
        void whenTheUsernameCannotBeAnAwsRoleSessionName() {
            String jorg = elevations.newUser("jörg");
            elevations.grant(Elevations.window(jorg, Duration.ofHours(2)));

            Page page = aws.signIn(jorg, Elevations.PASSWORD);

            expectDenied(page, "aws_rules_broken", jorg);
            assertThat(page.text()).contains("RoleSessionName");
        }

        @Test
        void whenTheChosenWindowsTogetherBreakAwsTagRules() {
            elevations.grant(windowWithTags(user, numberedTags("Team", 30)));
            elevations.grant(windowWithTags(user, numberedTags("Team", 30)));

            Page picker = aws.signIn(user, Elevations.PASSWORD);
            Page page = AwsSignIn.pick(picker, "all");

            expectDenied(page, "aws_rules_broken");
            assertThat(page.text()).contains("at most 50 session tags");
        }
    }

    @Nested
    @DisplayName("with several open windows")
    class SeveralWindows {

        @Test
        void asksWhichOneAndIssuesTheChosenWindowsTagsAndDeepLink() {
            elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            Map<String, Object> second = Elevations.window(user, Duration.ofHours(4));
            second.put("instanceId", "i-0fedcba9876543210");
            second.put("tags", Map.of("AppGroupName", "database", "AppId", "DB1", "ReleaseId", "2.1"));
            String secondId = elevations.grant(second);

            Page picker = aws.signIn(user, Elevations.PASSWORD);
            assertThat(AwsSignIn.samlPost(picker)).isEmpty();
            assertThat(picker.text()).contains("Choose your elevation")
                    .contains("i-0123456789abcdef0").contains("i-0fedcba9876543210");

            SamlPost post = expectSamlPost(AwsSignIn.pick(picker, secondId));
            Map<String, List<String>> attributes = SamlAttributes.of(verified(post));

            assertThat(post.relayState()).isEqualTo(
                    "https://console.aws.amazon.com/systems-manager/session-manager/i-0fedcba9876543210?region=eu-west-1");
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppGroupName", List.of("database"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppId", List.of("DB1"));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:ElevationId", List.of(secondId));
            assertThat(principalTags(attributes)).hasSize(4);
        }

        @Test
        void carriesAllOfThemNumberedInTheOrderTheyEnd() {
            String later = elevations.grant(Elevations.window(user, Duration.ofHours(3)));
            Map<String, Object> other = Elevations.window(user, Duration.ofHours(2));
            other.put("tags", Map.of("AppId", "XYZ"));
            String sooner = elevations.grant(other);

            Page picker = aws.signIn(user, Elevations.PASSWORD);
            Map<String, List<String>> attributes = SamlAttributes.of(
                    verified(expectSamlPost(AwsSignIn.pick(picker, "all"))));

            assertThat(principalTags(attributes)).containsOnly(
                    entry(AWS + "PrincipalTag:AppId", List.of("XYZ")),
                    entry(AWS + "PrincipalTag:ElevationId", List.of(sooner)),
                    entry(AWS + "PrincipalTag:AppGroupName2", List.of("webserver")),
                    entry(AWS + "PrincipalTag:AppId2", List.of("ABC")),
                    entry(AWS + "PrincipalTag:ReleaseId2", List.of("1.0")),
                    entry(AWS + "PrincipalTag:ElevationId2", List.of(later)));
            assertThat(attributes.get(AWS + "SessionDuration")).containsExactly("3600");
        }

        @Test
        void neverReplacesAWindowRevokedWhileThePickerWasOpenButAsksAgainSayingItIsNoLongerOpen() {
            String firstId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            Map<String, Object> second = Elevations.window(user, Duration.ofHours(4));
            second.put("instanceId", "i-0fedcba9876543210");
            String secondId = elevations.grant(second);
            Page picker = aws.signIn(user, Elevations.PASSWORD);
            assertThat(picker.text()).contains("Choose your elevation");

            elevations.revoke(secondId, "revoked while the picker was open").expectStatus(200);
            Page again = AwsSignIn.pick(picker, secondId);

            assertThat(AwsSignIn.samlPost(again)).as("no SAML Response reaches AWS").isEmpty();
            assertThat(again.body()).doesNotContain("SAMLResponse");
            assertThat(again.text()).contains("Choose your elevation")
                    .contains("The elevation you chose is no longer open")
                    .contains("i-0123456789abcdef0").doesNotContain("i-0fedcba9876543210");
            assertThat(again.document().select("input[name=window]")).extracting(input -> input.attr("value"))
                    .containsExactly(firstId);

            Map<String, List<String>> attributes = SamlAttributes.of(
                    verified(expectSamlPost(AwsSignIn.pick(again, firstId))));
            assertThat(attributes).containsEntry(AWS + "PrincipalTag:ElevationId", List.of(firstId));
        }

        @Test
        void neverIssuesTheRestWhenOneOfAllTheChosenWindowsWasRevokedWhileThePickerWasOpen() {
            String firstId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            String secondId = elevations.grant(Elevations.window(user, Duration.ofHours(3)));
            String thirdId = elevations.grant(Elevations.window(user, Duration.ofHours(4)));
            Page picker = aws.signIn(user, Elevations.PASSWORD);

            elevations.revoke(secondId, "revoked while the picker was open").expectStatus(200);
            Page again = AwsSignIn.pick(picker, "all");

            assertThat(AwsSignIn.samlPost(again)).as("no SAML Response reaches AWS").isEmpty();
            assertThat(again.text()).contains("The elevation you chose is no longer open");
            assertThat(again.document().select("input[name=window]")).extracting(input -> input.attr("value"))
                    .containsExactly(firstId, thirdId, "all");
        }

        @Test
        void refusesAWindowIdThatIsNotOneOfTheUsersOpenWindows() {
            elevations.grant(Elevations.window(user, Duration.ofHours(2)));
            elevations.grant(Elevations.window(user, Duration.ofHours(3)));
            String colleague = elevations.newUser("colleague");
            String foreign = elevations.grant(Elevations.window(colleague, Duration.ofHours(2)));

            Page picker = aws.signIn(user, Elevations.PASSWORD);
            Page again = AwsSignIn.pick(picker, foreign);

            assertThat(AwsSignIn.samlPost(again)).isEmpty();
            assertThat(again.text()).contains("Choose one of the open elevations");
        }
    }

    private Response verified(SamlPost post) {
        Response response = post.response();
        SamlVerifier.forRealm(server.baseUrl(), DEMO_REALM).verify(response);
        return response;
    }

    private static SamlPost expectSamlPost(Page page) {
        return AwsSignIn.samlPost(page).orElseThrow(() -> new AssertionError(
                "Expected the SAML POST to AWS, got " + page.status() + " " + page.url() + ": " + page.text()));
    }

    private void expectDenied(Page page, String reason) {
        expectDenied(page, reason, user);
    }

    private void expectDenied(Page page, String reason, String username) {
        assertThat(AwsSignIn.samlPost(page)).as("no SAML Response reaches AWS").isEmpty();
        assertThat(page.body()).doesNotContain("SAMLResponse").doesNotContain("PrincipalTag");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("No AWS access right now");
        JsonNode events = elevations.loginErrors(elevations.userId(username));
        assertThat(events).as("a LOGIN_ERROR event explains the denial").isNotEmpty();
        assertThat(events.get(0).path("error").asText()).isEqualTo("access_denied");
        assertThat(events.get(0).path("details").path("elevate_reason").asText()).isEqualTo(reason);
    }

    private static Map<String, List<String>> principalTags(Map<String, List<String>> attributes) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        attributes.forEach((name, values) -> {
            if (name.startsWith(AWS + "PrincipalTag:")) {
                tags.put(name, values);
            }
        });
        return tags;
    }

    private static Map<String, String> numberedTags(String prefix, int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put(prefix + "Key" + (char) ('A' + i % 26) + i, "v" + i);
        }
        return tags;
    }

    private static Map<String, Object> windowWithTags(String username, Map<String, String> tags) {
        Map<String, Object> window = Elevations.window(username, Duration.ofHours(2));
        window.put("tags", tags);
        return window;
    }
}
