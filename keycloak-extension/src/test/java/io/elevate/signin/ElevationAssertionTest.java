package io.elevate.signin;

import io.elevate.window.ElevationWindow;
import io.elevate.window.Target;
import io.elevate.window.TestWindows;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.elevate.window.TestWindows.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@DisplayName("The AWS assertion of an elevation")
class ElevationAssertionTest {

    private static final Map<String, String> DEMO_TAGS = demoTags();
    private static final ElevationMapperConfig SINGLE = ElevationMapperConfig.of(Map.of());
    private static final ElevationMapperConfig NUMBERED = ElevationMapperConfig.of(
            Map.of("numberedMode", "true", "maxSlots", "3"));

    @Nested
    @DisplayName("given one open window")
    class OneWindow {

        private final ElevationWindow window = TestWindows.open("w-1", Duration.ofHours(8), DEMO_TAGS);

        @Test
        void carriesRoleSessionNameSourceIdentityDurationAndTags() {
            Map<String, List<String>> attributes = granted(List.of(window), SINGLE);

            assertThat(attributes).containsExactly(
                    entry(ElevationAssertion.ROLE, List.of("arn:aws:iam::123456789012:role/ElevateSessionManager,"
                            + "arn:aws:iam::123456789012:saml-provider/Keycloak")),
                    entry(ElevationAssertion.ROLE_SESSION_NAME, List.of("operator")),
                    entry(ElevationAssertion.SOURCE_IDENTITY, List.of("operator")),
                    entry(ElevationAssertion.SESSION_DURATION, List.of("3600")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "AppGroupName", List.of("webserver")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "AppId", List.of("ABC")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "ReleaseId", List.of("1.0")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "ElevationId", List.of("w-1")));
        }

        @Test
        void endsTheSessionWithTheWindow() {
            ElevationWindow ending = TestWindows.open("w-2", Duration.ofMinutes(20), DEMO_TAGS);
            assertThat(granted(List.of(ending), SINGLE).get(ElevationAssertion.SESSION_DURATION))
                    .containsExactly("1200");
        }

        @Test
        void isRefusedWhenTheUsernameCannotBeARoleSessionName() {
            ElevationAssertion.Plan plan = ElevationAssertion.plan(List.of(window), "olivia operator", "operator",
                    SINGLE, NOW);
            assertThat(plan).isInstanceOf(ElevationAssertion.Refused.class);
            assertThat(((ElevationAssertion.Refused) plan).problems()).singleElement().asString()
                    .startsWith("RoleSessionName");
        }

        @Test
        void isRefusedWhenATagValueBreaksAwsRules() {
            ElevationWindow bad = TestWindows.open("w-3", Duration.ofHours(1), Map.of("AppId", "ABC;DROP"));
            assertThat(ElevationAssertion.plan(List.of(bad), "operator", "operator", SINGLE, NOW))
                    .isInstanceOf(ElevationAssertion.Refused.class);
        }
    }

    @Nested
    @DisplayName("given several windows in numbered mode")
    class Numbered {

        @Test
        void numbersEachWindowsTagsFromTheSecondSlotOn() {
            ElevationWindow first = TestWindows.open("w-1", Duration.ofHours(8), Map.of("AppId", "ABC"));
            ElevationWindow second = TestWindows.open("w-2", Duration.ofHours(2), Map.of("AppId", "XYZ"));

            Map<String, List<String>> attributes = granted(List.of(first, second), NUMBERED);

            assertThat(attributes).contains(
                    entry(ElevationAssertion.PRINCIPAL_TAG + "AppId", List.of("ABC")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "ElevationId", List.of("w-1")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "AppId2", List.of("XYZ")),
                    entry(ElevationAssertion.PRINCIPAL_TAG + "ElevationId2", List.of("w-2")),
                    entry(ElevationAssertion.SESSION_DURATION, List.of("3600")));
        }

        @Test
        @DisplayName("when every window's policy allows role chaining, then every tag is transitive and the session "
                + "carries ElevationChaining=allowed")
        void chainingWhenEveryWindowAllowsIt() {
            ElevationWindow first = TestWindows.chaining("w-1", Duration.ofHours(8), Map.of("AppId", "ABC"));
            ElevationWindow second = TestWindows.chaining("w-2", Duration.ofHours(2), Map.of("AppId", "XYZ"));

            Map<String, List<String>> attributes = granted(List.of(first, second), NUMBERED);

            assertThat(attributes).contains(
                    entry(ElevationAssertion.PRINCIPAL_TAG + "ElevationChaining", List.of("allowed")),
                    entry(ElevationAssertion.TRANSITIVE_TAG_KEYS, List.of("AppId", "ElevationId", "AppId2",
                            "ElevationId2", "ElevationChaining")));
        }

        @Test
        @DisplayName("when one window's policy does not allow role chaining, then nothing is transitive and "
                + "ElevationChaining is absent")
        void noChainingWhenOneWindowDoesNotAllowIt() {
            ElevationWindow first = TestWindows.chaining("w-1", Duration.ofHours(8), Map.of("AppId", "ABC"));
            ElevationWindow second = TestWindows.open("w-2", Duration.ofHours(2), Map.of("AppId", "XYZ"));

            Map<String, List<String>> attributes = granted(List.of(first, second), NUMBERED);

            assertThat(attributes).doesNotContainKeys(ElevationAssertion.TRANSITIVE_TAG_KEYS,
                    ElevationAssertion.PRINCIPAL_TAG + "ElevationChaining");
        }

        @Test
        @DisplayName("when the windows' policies name one OS user, then the session carries SSMSessionRunAs once")
        void runAsOnce() {
            ElevationWindow first = TestWindows.runningAs("w-1", "ops-shell", Map.of("AppId", "ABC"));
            ElevationWindow second = TestWindows.runningAs("w-2", "ops-shell", Map.of("AppId", "XYZ"));

            assertThat(granted(List.of(first, second), NUMBERED))
                    .containsEntry(ElevationAssertion.PRINCIPAL_TAG + "SSMSessionRunAs", List.of("ops-shell"));
            assertThat(granted(List.of(TestWindows.open("w-3", Duration.ofHours(1), Map.of("AppId", "A"))), SINGLE))
                    .doesNotContainKey(ElevationAssertion.PRINCIPAL_TAG + "SSMSessionRunAs");
        }

        @Test
        @DisplayName("when the windows run shells as different OS users, then they cannot share one session")
        void refusesWindowsOfDifferentOsUsers() {
            ElevationWindow first = TestWindows.runningAs("w-1", "ops-shell", Map.of("AppId", "ABC"));
            ElevationWindow second = TestWindows.runningAs("w-2", null, Map.of("AppId", "XYZ"));

            assertThat(ElevationAssertion.plan(List.of(first, second), "operator", "operator", NUMBERED, NOW))
                    .isInstanceOfSatisfying(ElevationAssertion.Refused.class, refused -> assertThat(refused.problems())
                            .anySatisfy(p -> assertThat(p).contains("different OS users")));
            assertThat(SignInWindows.canTakeAll(List.of(first, second), new SignInWindows.Rule(false, true, 3)))
                    .isFalse();
        }

        @Test
        @DisplayName("when one window's shell user is literally named null and the other has none, then they still "
                + "differ")
        void aUserNamedNullIsAUser() {
            ElevationWindow named = TestWindows.runningAs("w-1", "null", Map.of("AppId", "ABC"));
            ElevationWindow none = TestWindows.runningAs("w-2", null, Map.of("AppId", "XYZ"));

            assertThat(ElevationAssertion.plan(List.of(named, none), "operator", "operator", NUMBERED, NOW))
                    .isInstanceOf(ElevationAssertion.Refused.class);
        }

        @Test
        @DisplayName("when a window stored before the key was reserved has an ABAC tag ElevationChaining or "
                + "SSMSessionRunAs, then it is not carried")
        void refusesStoredWindowsWithReservedKeys() {
            for (String key : List.of("ElevationChaining", "ssmSessionRunAs")) {
                ElevationWindow old = TestWindows.open("w-old", Duration.ofHours(1), Map.of("AppId", "A", key, "x"));

                assertThat(ElevationAssertion.plan(List.of(old), "operator", "operator", SINGLE, NOW))
                        .isInstanceOfSatisfying(ElevationAssertion.Refused.class, refused -> assertThat(
                                refused.problems()).anySatisfy(p -> assertThat(p).contains(key)));
            }
        }

        @Test
        void refusesWindowsOfDifferentRoles() {
            ElevationWindow first = TestWindows.open("w-1", Duration.ofHours(8), Map.of("AppId", "ABC"));
            Target other = new Target("210987654321", "Other", "Keycloak", "eu-west-1", null, Map.of("AppId", "X"));
            ElevationWindow second = TestWindows.window("w-2", other, NOW, NOW.plus(Duration.ofHours(1)));

            assertThat(ElevationAssertion.plan(List.of(first, second), "operator", "operator", NUMBERED, NOW))
                    .isInstanceOf(ElevationAssertion.Refused.class);
        }

        @Test
        void refusesMoreWindowsThanSlots() {
            List<ElevationWindow> four = List.of("a", "b", "c", "d").stream()
                    .map(id -> TestWindows.open(id, Duration.ofHours(1), Map.of("AppId", id))).toList();
            assertThat(ElevationAssertion.plan(four, "operator", "operator", NUMBERED, NOW))
                    .isInstanceOf(ElevationAssertion.Refused.class);
        }
    }

    @Nested
    @DisplayName("given a window in another partition")
    class Partitions {

        private final ElevationWindow govCloud = TestWindows.window("w-g", new Target("123456789012", "Ops", "Keycloak",
                "us-gov-west-1", null, DEMO_TAGS), NOW.minusSeconds(60), NOW.plusSeconds(7200));

        @Test
        void namesTheRoleAndProviderInThatPartition() {
            ElevationAssertion.Plan plan = ElevationAssertion.plan(List.of(govCloud), "operator", "operator", SINGLE,
                    io.elevate.AwsPartition.AWS_US_GOV, NOW);

            assertThat(((ElevationAssertion.Granted) plan).attributes().get(0).values()).containsExactly(
                    "arn:aws-us-gov:iam::123456789012:role/Ops,arn:aws-us-gov:iam::123456789012:saml-provider/Keycloak");
        }

        @Test
        void isRefusedWhenTheClientSignsInToAnotherPartition() {
            ElevationAssertion.Plan plan = ElevationAssertion.plan(List.of(govCloud), "operator", "operator", SINGLE,
                    io.elevate.AwsPartition.AWS, NOW);

            assertThat(plan).isInstanceOf(ElevationAssertion.Refused.class);
            assertThat(((ElevationAssertion.Refused) plan).problems()).containsExactly(
                    "region us-gov-west-1 is not in the partition aws that this AWS client signs in to");
        }
    }

    @Test
    void estimatesTheEncodedResponseAboveWhatTheAttributesThemselvesTake() {
        List<SamlAttribute> attributes = List.of(SamlAttribute.of(ElevationAssertion.PRINCIPAL_TAG + "K", "v".repeat(256)));
        assertThat(ElevationAssertion.estimatedEncodedLength(attributes)).isGreaterThan(20_000 * 4 / 3);
    }

    private static Map<String, List<String>> granted(List<ElevationWindow> windows, ElevationMapperConfig config) {
        ElevationAssertion.Plan plan = ElevationAssertion.plan(windows, "operator", "operator", config, NOW);
        assertThat(plan).isInstanceOf(ElevationAssertion.Granted.class);
        return ((ElevationAssertion.Granted) plan).attributes().stream()
                .collect(Collectors.toMap(SamlAttribute::name, SamlAttribute::values, (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, String> demoTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AppGroupName", "webserver");
        tags.put("AppId", "ABC");
        tags.put("ReleaseId", "1.0");
        return tags;
    }
}
