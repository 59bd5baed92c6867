package io.elevate.testing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

@DisplayName("Given Debian's PostgreSQL folders, the harness")
class LocalPostgresTest {

    @TempDir
    Path versions;

    @Test
    @DisplayName("uses the newest installed version's binaries, whatever the version")
    void newest() throws IOException {
        installed("9.6");
        installed("15");
        installed("17");
        Files.createDirectories(versions.resolve("18").resolve("bin")); // a leftover folder without initdb

        assertThat(LocalPostgres.newestDebianBin(versions)).isEqualTo(versions.resolve("17").resolve("bin"));
    }

    @Test
    @DisplayName("names a folder without binaries when none is installed, so the check for them fails")
    void none() {
        Path bin = LocalPostgres.newestDebianBin(versions.resolve("absent"));

        assertThat(Files.isExecutable(bin.resolve("initdb"))).isFalse();
    }

    @Test
    @DisplayName("when PostgreSQL is required (as .ci/run says) but missing, the tests that need it fail instead of skipping")
    void requiredButMissing() {
        System.setProperty("elevate.test.postgres.bin", versions.resolve("none").toString());
        try {
            System.setProperty(KeycloakCluster.REQUIRE_POSTGRES, "true");
            assertThatThrownBy(KeycloakCluster::postgresInstalled).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("initdb").hasMessageContaining(versions.resolve("none").toString());

            System.setProperty(KeycloakCluster.REQUIRE_POSTGRES, "false");
            assertThat(KeycloakCluster.postgresInstalled()).as("skipped, saying so").isFalse();

            System.setProperty(KeycloakCluster.REQUIRE_POSTGRES, "yes");
            assertThatThrownBy(KeycloakCluster::postgresInstalled).hasMessageContaining("must be true or false");
        } finally {
            System.clearProperty("elevate.test.postgres.bin");
            System.clearProperty(KeycloakCluster.REQUIRE_POSTGRES);
        }
    }

    private void installed(String version) throws IOException {
        Path bin = Files.createDirectories(versions.resolve(version).resolve("bin"));
        Files.createFile(bin.resolve("initdb"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
}
