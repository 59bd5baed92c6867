package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.testing.Jwt;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The token cache")
class TokenCacheTest {

    @TempDir
    Path temp;

    @Test
    void isCreatedAsAFileOnlyTheUserMayReadInADirectoryOnlyTheUserMayEnter() throws Exception {
        Path home = temp.resolve("nested/.elevate");
        TokenCache cache = new TokenCache(home);

        cache.write(tokens("alice"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(cache.file());
        }
    }

    @Test
    void tightensADirectoryAndFileThatOthersCouldRead() throws Exception {
        Path home = Files.createDirectory(temp.resolve(".elevate"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        TokenCache cache = new TokenCache(home);
        cache.write(tokens("alice"));
        Files.setPosixFilePermissions(cache.file(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        cache.read();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        cache.write(tokens("bob"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void readsBackWhatItWroteAndReplacesIt() {
        TokenCache cache = new TokenCache(temp);
        Tokens first = tokens("alice");
        cache.write(first);
        Tokens second = tokens("bob");
        cache.write(second);

        assertThat(cache.read()).contains(second);
    }

    @Test
    void isEmptyBeforeTheFirstSignInAndAfterDelete() {
        TokenCache cache = new TokenCache(temp.resolve("absent"));
        assertThat(cache.read()).isEmpty();
        cache.write(tokens("alice"));
        assertThat(cache.delete()).isTrue();
        assertThat(cache.read()).isEmpty();
    }

    @Test
    void aDamagedFileMeansNotSignedIn() throws Exception {
        TokenCache cache = new TokenCache(temp);
        Files.writeString(cache.file(), "{not json");

        assertThatThrownBy(cache::read).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_SIGNED_IN))
                .hasMessageContaining("elevate login");
    }

    static Tokens tokens(String user) {
        Instant exp = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        return new Tokens("http://localhost:8080/realms/r", "elevate-cli",
                URI.create("http://localhost:8080/realms/r/protocol/openid-connect/token"),
                Jwt.accessToken(user, exp, Map.of()), "refresh-" + user, exp, exp.plusSeconds(1500));
    }
}
