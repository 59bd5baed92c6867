package io.elevate.cli.aws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Session Manager shell")
class SessionManagerShellTest {

    @TempDir
    Path temp;

    @Test
    void findsOnlyExecutableFilesOnThePath() throws Exception {
        Path first = Files.createDirectory(temp.resolve("a"));
        Path second = Files.createDirectory(temp.resolve("b"));
        Files.writeString(first.resolve("aws"), "not executable");
        Path executable = Files.writeString(second.resolve("aws"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = first + ":" + temp.resolve("missing") + "::" + second;

        assertThat(SessionManagerShell.find("aws", path)).contains(executable);
        assertThat(SessionManagerShell.find("session-manager-plugin", path)).isEmpty();
        assertThat(SessionManagerShell.find("aws", null)).isEmpty();
    }

    @Test
    void printsExportLinesThenTheAwsCommandQuotedForTheShell() {
        AwsCredentials credentials = new AwsCredentials("ASIAEXAMPLE", "se/cr+et='x", "tok+en/==",
                Instant.parse("2030-01-01T11:00:00Z"));

        assertThat(SessionManagerShell.script("i-0123456789abcdef0", "eu-west-1", credentials)).isEqualTo("""
                export AWS_ACCESS_KEY_ID=ASIAEXAMPLE
                export AWS_SECRET_ACCESS_KEY='se/cr+et='\\''x'
                export AWS_SESSION_TOKEN=tok+en/==
                export AWS_REGION=eu-west-1
                export AWS_DEFAULT_REGION=eu-west-1
                aws ssm start-session --target i-0123456789abcdef0 --region eu-west-1
                """);
    }
}
