package io.elevate.signin;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Map;

/**
 * The one parser of what both AWS mappers ({@code saml-aws-elevation-mapper} and {@code oidc-aws-session-tags-mapper})
 * share: numbered mode and the slots it may fill, under the same keys, with the same defaults and the
 * same bounds. {@link ElevationMapperConfig} and {@link TagsMapperConfig} read their own settings on top of it.
 */
public record TagSettings(boolean numbered, int maxSlots) {

    static final String NUMBERED = "numberedMode";
    static final String MAX_SLOTS = "maxSlots";

    /**
     * A setting both mappers had before role chaining became a choice of each elevation policy; saving a mapper that
     * still has it is refused, so that nobody believes it still makes tags transitive.
     */
    static final String RETIRED_TRANSITIVE_TAGS = "transitiveTags";

    static final int DEFAULT_MAX_SLOTS = 3;
    /** The most slots a mapper fills; the IAM artifacts generate policies for at most as many. */
    public static final int HIGHEST_SLOT_COUNT = 10;

    static TagSettings of(Map<String, String> config) {
        return new TagSettings(Boolean.parseBoolean(config.get(NUMBERED)),
                (int) Math.max(1, Math.min(HIGHEST_SLOT_COUNT, number(config, MAX_SLOTS, DEFAULT_MAX_SLOTS))));
    }

    /** Why a mapper's settings cannot be saved as they are: a retired setting it still has. */
    static java.util.Optional<String> retiredSetting(Map<String, String> config) {
        return config.containsKey(RETIRED_TRANSITIVE_TAGS) ? java.util.Optional.of(RETIRED_TRANSITIVE_TAGS
                + " is no longer a mapper setting: role chaining is a setting of each elevation policy (roleChaining);"
                + " remove it and regenerate the IAM artifacts") : java.util.Optional.empty();
    }

    /** How many windows one sign-in may carry at once. */
    int slots() {
        return numbered ? maxSlots : 1;
    }

    /** Adds the shared settings to a mapper's list, in the order the admin console shows them. */
    static ProviderConfigurationBuilder addProperties(ProviderConfigurationBuilder builder) {
        return builder
                .property().name(NUMBERED).label("Numbered mode")
                .helpText("Let one sign-in carry several open windows of the same role, their tags numbered "
                        + "Key, Key2 ... KeyN; the IAM policy needs one statement per slot.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(MAX_SLOTS).label("Slots in numbered mode")
                .helpText("The most windows one sign-in carries in numbered mode (1 to " + HIGHEST_SLOT_COUNT + ").")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_MAX_SLOTS).add();
    }

    /** The trimmed text under {@code key}, or {@code fallback} when it is absent or blank. */
    static String text(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** The whole number under {@code key}, or {@code fallback} when it is absent or not a number. */
    static long number(Map<String, String> config, String key, long fallback) {
        try {
            return Long.parseLong(config.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
