package io.elevate.signin;

import io.elevate.aws.SessionTag;
import io.elevate.window.ElevationWindow;
import io.elevate.window.Target;
import io.elevate.window.TestWindows;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.elevate.window.TestWindows.NOW;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The OIDC session tags claim")
class AwsSessionTagsMapperTest {

    private static final TagsMapperConfig SINGLE = TagsMapperConfig.of(Map.of());
    private static final TagsMapperConfig NUMBERED = TagsMapperConfig.of(Map.of("numberedMode", "true"));

    private final ElevationWindow a = TestWindows.open("a", Duration.ofHours(1), Map.of("AppId", "A"));
    private final ElevationWindow b = TestWindows.open("b", Duration.ofHours(2), Map.of("AppId", "B"));

    @Test
    void hasAwsDocumentedShape() {
        Map<String, Object> claim = AwsSessionTagsMapper.claim(
                List.of(new SessionTag("AppId", "A"), new SessionTag("ElevationId", "a")), List.of("AppId", "ElevationId"));

        assertThat(claim).containsEntry("principal_tags", Map.of("AppId", List.of("A"), "ElevationId", List.of("a")))
                .containsEntry("transitive_tag_keys", List.of("AppId", "ElevationId"));
        assertThat(AwsSessionTagsMapper.claim(List.of(new SessionTag("AppId", "A")), List.of()))
                .doesNotContainKey("transitive_tag_keys");
    }

    @Test
    @DisplayName("given windows whose policy allows role chaining, then the tags are transitive; otherwise not")
    void transitiveOnlyForChainingWindows() {
        ElevationWindow chaining = TestWindows.chaining("c", Duration.ofHours(1), Map.of("AppId", "C"));

        assertThat(AwsSessionTagsMapper.claim(io.elevate.aws.SessionTags.of(List.of(chaining)),
                io.elevate.aws.SessionTags.transitiveKeys(List.of(chaining))))
                .containsEntry("transitive_tag_keys", List.of("AppId", "ElevationId", "ElevationChaining"));
        assertThat(AwsSessionTagsMapper.claim(io.elevate.aws.SessionTags.of(List.of(a)),
                io.elevate.aws.SessionTags.transitiveKeys(List.of(a))))
                .doesNotContainKey("transitive_tag_keys");
    }

    @Test
    void takesTheOnlyWindowAndAllOfSeveralOnlyInNumberedMode() {
        assertThat(SignInWindows.unambiguous(List.of(a), SINGLE.rule(), NOW)).containsExactly(a);
        assertThat(SignInWindows.unambiguous(List.of(a, b), SINGLE.rule(), NOW)).isEmpty();
        assertThat(SignInWindows.unambiguous(List.of(a, b), NUMBERED.rule(), NOW)).containsExactly(a, b);
    }

    @Test
    void choosesByTheSameRuleAsTheGateLeavingOutWindowsTooShortForAnAwsSession() {
        ElevationWindow ending = TestWindows.open("e", Duration.ofMinutes(10), Map.of("AppId", "E"));
        assertThat(SignInWindows.unambiguous(List.of(a, ending), SINGLE.rule(), NOW)).containsExactly(a);
        assertThat(SignInWindows.unambiguous(List.of(ending), SINGLE.rule(), NOW)).isEmpty();
        assertThat(SignInWindows.unambiguous(List.of(ending),
                TagsMapperConfig.of(Map.of("allowShortWindows", "true")).rule(), NOW)).containsExactly(ending);
    }

    @Test
    void neverMixesRoles() {
        ElevationWindow other = TestWindows.window("c", new Target("210987654321", "Other", "Keycloak", "eu-west-1",
                null, Map.of("AppId", "C")), NOW, NOW.plus(Duration.ofHours(1)));
        assertThat(SignInWindows.unambiguous(List.of(a, other), NUMBERED.rule(), NOW)).isEmpty();
    }
}
