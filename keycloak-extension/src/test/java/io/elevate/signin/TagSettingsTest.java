package io.elevate.signin;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Both AWS mappers read their shared settings with one parser")
class TagSettingsTest {

    @ParameterizedTest(name = "maxSlots \"{0}\" in numbered mode gives {1} slots to both mappers")
    @CsvSource(value = {"4, 4", "'', 3", "x, 3", "0, 1", "-5, 1", "11, 10", "99999999999, 10", "' 7 ', 7"})
    void slotsAreReadTheSameWay(String maxSlots, int slots) {
        Map<String, String> config = Map.of("numberedMode", "true", "maxSlots", maxSlots);

        assertThat(ElevationMapperConfig.of(config).slots()).isEqualTo(slots);
        assertThat(TagsMapperConfig.of(config).rule().slots()).isEqualTo(slots);
    }

    @Test
    @DisplayName("given no settings, then both carry one window")
    void defaults() {
        ElevationMapperConfig saml = ElevationMapperConfig.of(Map.of("maxSlots", "5"));
        TagsMapperConfig oidc = TagsMapperConfig.of(Map.of("maxSlots", "5"));

        assertThat(saml.slots()).isOne();
        assertThat(oidc.rule().slots()).isOne();
        assertThat(oidc.awsClient()).isEqualTo("urn:amazon:webservices");
    }

    @Test
    @DisplayName("given either mapper, then the admin console shows the shared settings under the same keys")
    void sameKeys() {
        assertThat(ElevationMapperConfig.properties()).extracting(p -> p.getName())
                .contains("numberedMode", "maxSlots").doesNotContain("transitiveTags");
        assertThat(TagsMapperConfig.properties()).extracting(p -> p.getName())
                .containsExactly("awsClient", "numberedMode", "maxSlots", "allowShortWindows");
    }

    @Test
    @DisplayName("given a mapper that still has the retired transitiveTags setting, then saving either mapper is refused")
    void retiredTransitiveTagsRefused() {
        org.keycloak.models.ProtocolMapperModel model = new org.keycloak.models.ProtocolMapperModel();
        model.setConfig(Map.of("transitiveTags", "true"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AwsElevationSamlMapper()
                        .validateConfig(null, null, null, model))
                .isInstanceOf(org.keycloak.protocol.ProtocolMapperConfigException.class)
                .hasMessageContaining("roleChaining");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AwsSessionTagsMapper()
                        .validateConfig(null, null, null, model))
                .isInstanceOf(org.keycloak.protocol.ProtocolMapperConfigException.class)
                .hasMessageContaining("roleChaining");
        model.setConfig(Map.of("numberedMode", "true"));
        org.assertj.core.api.Assertions.assertThatCode(() -> new AwsSessionTagsMapper()
                .validateConfig(null, null, null, model)).doesNotThrowAnyException();
    }
}
