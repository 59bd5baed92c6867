package io.elevate.testing.server;

import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Recursive copy and delete of directory trees, which {@link Files} only offers for single files. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it; does nothing if it does not exist. Symbolic links are not followed. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(root)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.delete(path);
        }
    }

    /** Copies the tree {@code source} to {@code target}, overwriting files that exist in both. */
    static void copy(Path source, Path target) throws IOException {
        List<Path> parentsFirst;
        try (Stream<Path> paths = Files.walk(source)) {
            parentsFirst = paths.toList();
        }
        for (Path path : parentsFirst) {
            Path destination = target.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(path, destination, REPLACE_EXISTING, COPY_ATTRIBUTES);
            }
        }
    }

    /** Replaces {@code target} by a copy of the tree {@code source}, so files removed from the source disappear too. */
    static void replace(Path source, Path target) throws IOException {
        delete(target);
        copy(source, target);
    }
}
