package io.elevate.breakglass;

import io.elevate.breakglass.OsCredentialSettings.Platform;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The break-glass OS credential script")
class OsCredentialScriptTest {

    private static final String NAME = "/elevate/break-glass/0b9a3c1e-5d6f-4a1b-9c2d-3e4f5a6b7c8d";

    @ParameterizedTest
    @ValueSource(strings = {"root; rm -rf /", "$(id)", "`id`", "a'b", "Root", "a b", "-root", "user\nname",
            "averyveryveryveryverylongusername1"})
    void refusesUserNamesAShellWouldRead(String user) {
        assertThat(OsCredentialSettings.checkUser(Platform.LINUX, user)).isPresent();
        assertThatThrownBy(() -> OsCredentialScript.commands(Platform.LINUX, user, "alias/k", NAME, "eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/k'; curl evil", "alias/$(id)", "arn:aws:kms:eu-west-1:123:key/x", "key", "alias/",
            "alias/a b"})
    void refusesKmsKeysThatAreNotKeys(String key) {
        assertThat(OsCredentialSettings.checkKmsKeyId(key)).isPresent();
        assertThatThrownBy(() -> OsCredentialScript.commands(Platform.LINUX, "root", key, NAME, "eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/elevate-break-glass", "alias/aws/ssm", "1234abcd-12ab-34cd-56ef-1234567890ab",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-gov-west-1:123456789012:alias/break-glass"})
    void acceptsEveryFormOfKmsKey(String key) {
        assertThat(OsCredentialSettings.checkKmsKeyId(key)).isEmpty();
    }

    @Test
    void refusesParameterNamesAndRegionsOutsideItsPatterns() {
        assertThatThrownBy(() -> OsCredentialScript.commands(Platform.LINUX, "root", "alias/k", "/other/x", "eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OsCredentialScript.parameterName("x'; id"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OsCredentialScript.commands(Platform.LINUX, "root", "alias/k", NAME, "eu-west-1;id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowsNamesFollowWindowsRules() {
        assertThat(OsCredentialSettings.checkUser(Platform.WINDOWS, "Administrator")).isEmpty();
        assertThat(OsCredentialSettings.checkUser(Platform.WINDOWS, "Admin$")).isPresent();
        assertThat(OsCredentialSettings.checkUser(Platform.WINDOWS, "a".repeat(21))).isPresent();
    }

    /**
     * Runs the Linux script in bash with stand-ins for {@code id}, {@code chpasswd} and {@code aws}: the password it
     * sets is the one it stores, and it reaches both on standard input, never in a command line.
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theLinuxScriptSetsAndStoresOnePasswordThroughStandardInputOnly(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        stub(bin, "id", "exit 0");
        stub(bin, "chpasswd", "cat > \"$OUT/chpasswd.in\"");
        stub(bin, "aws", "printf '%s\\n' \"$@\" > \"$OUT/aws.args\"; cat > \"$OUT/aws.in\"");
        List<String> commands = OsCredentialScript.commands(Platform.LINUX, "elevate-breakglass",
                "alias/elevate-break-glass", NAME, "eu-west-1");
        Path script = Files.writeString(dir.resolve("script.sh"), String.join("\n", commands) + "\n");

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().put("OUT", dir.toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        String password = Files.readString(dir.resolve("aws.in"));
        assertThat(password).matches("[A-Za-z0-9]{24}");
        assertThat(Files.readString(dir.resolve("chpasswd.in"))).isEqualTo("elevate-breakglass:" + password + "\n");
        assertThat(Files.readAllLines(dir.resolve("aws.args"))).containsExactly("ssm", "put-parameter",
                "--region", "eu-west-1", "--name", NAME, "--type", "SecureString", "--key-id",
                "alias/elevate-break-glass", "--overwrite", "--value", "file:///dev/stdin");
        assertThat(output).doesNotContain(password).contains("stored in " + NAME);
    }

    private static void stub(Path bin, String name, String body) throws IOException {
        Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
