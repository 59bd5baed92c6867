package io.elevate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The messages of the pages, the portal and the mails")
class ThemeMessagesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    @Test
    @DisplayName("given English and German, then both say every message with the same arguments")
    void germanHasEveryEnglishMessageWithItsArguments() throws IOException {
        Properties english = load("en");
        Properties german = load("de");

        assertThat(german.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(arguments(german.getProperty(key))).as(key).isEqualTo(arguments(english.getProperty(key)));
            assertThat(german.getProperty(key)).as(key + " is translated").isNotBlank();
        }
        assertThat(german.getProperty("elevateDeniedTitle")).isEqualTo("Derzeit kein AWS-Zugang");
    }

    @Test
    @DisplayName("given the admin console's declarative pages, then each has a human title under its provider id, the"
            + " key the console looks up for the page's heading")
    void consolePagesHaveHumanTitles() throws IOException {
        for (String locale : new String[] {"en", "de"}) {
            Properties messages = load(locale);
            assertThat(messages.getProperty(io.elevate.workflow.ElevationPolicyPageFactory.PROVIDER_ID))
                    .as(locale).isEqualTo(locale.equals("en") ? "Elevation policies" : "Elevate-Richtlinien");
            assertThat(messages.getProperty(io.elevate.notify.NotificationsPageFactory.PROVIDER_ID))
                    .as(locale).isEqualTo(locale.equals("en") ? "Elevate notifications" : "Elevate-Benachrichtigungen");
        }
    }

    private static Set<String> arguments(String message) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(message);
        while (matcher.find()) {
            arguments.add(matcher.group(1));
        }
        return arguments;
    }

    /** As Keycloak reads theme messages: UTF-8. */
    private static Properties load(String locale) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = ThemeMessagesTest.class.getResourceAsStream(
                "/theme-resources/messages/messages_" + locale + ".properties")) {
            assertThat(in).as("messages_" + locale).isNotNull();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
