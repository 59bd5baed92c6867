package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The sign-in cached in {@code ~/.elevate/tokens.json} (or {@code $ELEVATE_HOME/tokens.json}).
 *
 * <p>The directory is kept at mode 700 and the file at 600. A file is always created with mode 600 before a byte is
 * written into it (a temporary file, then renamed over the old one), so the tokens are never readable by others,
 * not even for a moment, whatever the umask.
 */
public final class TokenCache {

    public static final String FILE_NAME = "tokens.json";
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    public TokenCache(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The cached tokens, if there are; a damaged file counts as not signed in. */
    public Optional<Tokens> read() {
        Path file = file();
        try {
            byte[] content = Files.readAllBytes(file);
            if (isPosix(file)) {
                tighten(file, FILE_MODE);
            }
            JsonNode json = Http.JSON.readTree(content);
            return Optional.of(Tokens.fromJson(json));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new CliException(ExitCode.NOT_SIGNED_IN, "cannot read the sign-in cached in " + file + " ("
                    + e.getMessage() + "): run `elevate login`");
        }
    }

    /** Replaces the cached tokens. */
    public void write(Tokens tokens) {
        try {
            ensurePrivateDirectory();
            byte[] content = Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens.toJson());
            Path temporary = directory.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
            createPrivateFile(temporary);
            try {
                Files.write(temporary, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write the sign-in to " + file() + ": " + e, e);
        }
    }

    /** Forgets the sign-in; true if there was one. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot delete " + file() + ": " + e, e);
        }
    }

    private void ensurePrivateDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            if (directory.getParent() != null) {
                Files.createDirectories(directory.getParent());
            }
            try {
                Files.createDirectory(directory, attributes(directory.getParent(), DIRECTORY_MODE));
            } catch (FileAlreadyExistsException raced) {
                // made by a concurrent run: tightened below
            }
        }
        if (isPosix(directory)) {
            tighten(directory, DIRECTORY_MODE);
        }
    }

    private static void createPrivateFile(Path file) throws IOException {
        Files.createFile(file, attributes(file.getParent(), FILE_MODE));
        if (isPosix(file)) {
            // The umask can only remove bits; this makes sure none is missing either (rw for the owner).
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }

    /** Removes group and other permissions from a file or directory that has any. */
    private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (!current.equals(mode)) {
            try {
                Files.setPosixFilePermissions(path, mode);
            } catch (AccessDeniedException e) {
                throw new CliException(ExitCode.USAGE, path + " is not private (mode "
                        + PosixFilePermissions.toString(current) + ") and cannot be made so: use a directory of your own"
                        + " (ELEVATE_HOME)");
            }
        }
    }

    private static FileAttribute<?>[] attributes(Path parent, Set<PosixFilePermission> mode) throws IOException {
        return isPosix(parent) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
