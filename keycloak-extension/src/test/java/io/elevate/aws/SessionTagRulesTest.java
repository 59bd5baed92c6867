package io.elevate.aws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AWS session tag rules")
class SessionTagRulesTest {

    @Test
    void acceptsTheDemoTags() {
        assertThat(SessionTagRules.check(Map.of("AppGroupName", "webserver", "AppId", "ABC", "ReleaseId", "1.0")))
                .isEmpty();
    }

    @Test
    void acceptsEveryCharacterAwsAllows() {
        assertThat(SessionTagRules.check(Map.of("team/env:tier=1 +@-_.", "Zürich 1.0 a/b:c=d+e@f-g_h"))).isEmpty();
    }

    @Test
    void refusesAKeyLongerThan128Characters() {
        assertThat(SessionTagRules.check(Map.of("k".repeat(129), "v"))).singleElement().asString()
                .contains("129 characters long; AWS allows 128");
        assertThat(SessionTagRules.check(Map.of("k".repeat(128), "v"))).isEmpty();
    }

    @Test
    void refusesAValueLongerThan256CharactersInsteadOfTruncatingIt() {
        assertThat(SessionTagRules.check(Map.of("AppId", "v".repeat(257)))).singleElement().asString()
                .contains("257 characters long; AWS allows 256");
        assertThat(SessionTagRules.check(Map.of("AppId", "v".repeat(256)))).isEmpty();
    }

    @Test
    void refusesCharactersOutsideTheAllowedSet() {
        assertThat(SessionTagRules.check(Map.of("AppId", "ABC;rm -rf"))).singleElement().asString()
                .contains("characters AWS refuses");
        assertThat(SessionTagRules.check(Map.of("App*Id", "ABC"))).isNotEmpty();
        assertThat(SessionTagRules.check(Map.of("AppId", "<script>"))).isNotEmpty();
    }

    @Test
    void refusesTheAwsPrefixInAnyCase() {
        assertThat(SessionTagRules.check(Map.of("AWS:SourceIdentity", "x"))).singleElement().asString()
                .contains("must not start with aws:");
    }

    @Test
    void refusesKeysThatDifferOnlyInCase() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AppId", "ABC");
        tags.put("appid", "DEF");
        assertThat(SessionTagRules.check(tags)).singleElement().asString().contains("appears twice");
    }

    @Test
    void refusesMoreThanFiftyTags() {
        List<SessionTag> tags = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tags.add(new SessionTag("Key" + i, "v"));
        }
        assertThat(SessionTagRules.check(tags)).singleElement().asString().contains("at most 50");
        assertThat(SessionTagRules.check(tags.subList(0, 50))).isEmpty();
    }

    @Test
    void refusesAnEmptyKey() {
        assertThat(SessionTagRules.check(Map.of("", "v"))).isNotEmpty();
    }
}
