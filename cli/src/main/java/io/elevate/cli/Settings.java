package io.elevate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A setting comes from the command line's option, else the environment variable {@code ELEVATE_<KEY>} (e.g.
 * {@code ELEVATE_ISSUER}, {@code ELEVATE_STS_ENDPOINT}), else the {@code key = value} file {@code ~/.elevate/config}.
 */
public final class Settings {

    public static final String ISSUER = "issuer";
    public static final String CLIENT_ID = "client-id";
    public static final String ROLE_ARN = "role-arn";
    public static final String REGION = "region";
    public static final String STS_ENDPOINT = "sts-endpoint";
    public static final String FEDERATION_ENDPOINT = "federation-endpoint";

    private final Environment environment;
    private Properties file;

    public Settings(Environment environment) {
        this.environment = environment;
    }

    /** The setting {@code key}: {@code option} if given, else from the environment, else from the config file. */
    public Optional<String> get(String key, String option) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option.trim());
        }
        Optional<String> variable = environment.variable(variableName(key));
        if (variable.isPresent()) {
            return variable;
        }
        return Optional.ofNullable(file().getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public static String variableName(String key) {
        return "ELEVATE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public Path configFile() {
        return environment.elevateHome().resolve("config");
    }

    private Properties file() {
        if (file == null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(configFile(), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (NoSuchFileException absent) {
                // no config file: options and environment only
            } catch (IOException | IllegalArgumentException e) {
                throw CliException.usage("cannot read " + configFile() + ": " + e.getMessage());
            }
            file = properties;
        }
        return file;
    }
}
