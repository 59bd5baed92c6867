package io.elevate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The docs are read as GitHub renders them: README.md and every page of {@code docs/} must close every code fence they
 * open, and every relative link must reach a file that exists and, with a {@code #fragment}, a heading of that file.
 */
@DisplayName("The docs")
class DocsTest {

    private static final Path ROOT = Path.of(System.getProperty("elevate.root", "..")).toAbsolutePath().normalize();

    static Stream<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages.stream();
    }

    @Test
    @DisplayName("are README.md and the pages of docs/")
    void areFound() {
        assertThat(pages().map(p -> ROOT.relativize(p).toString()))
                .contains("README.md", "docs/benchmarks.md", "docs/metrics.md");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    @DisplayName("close every code fence they open")
    void closeEveryFence(Path page) {
        assertThat(Markdown.read(page).fenceProblems()).as(ROOT.relativize(page).toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    @DisplayName("link only to files and headings that exist")
    void linkToWhatExists(Path page) {
        assertThat(Markdown.read(page).brokenLinks()).as(ROOT.relativize(page).toString()).isEmpty();
    }

    @Nested
    @DisplayName("are checked by a reader that")
    class TheReader {

        @Test
        @DisplayName("given a fence with an info string inside an open block, then reports the block unclosed")
        void infoStringNeverCloses() {
            Markdown page = Markdown.of(Path.of("x.md"), "# x\n```bash\nrun\n```bash\nmore\n");

            assertThat(page.fenceProblems()).singleElement().asString().contains("line 2");
        }

        @Test
        @DisplayName("given fences of ``` and ~~~ closed by their own kind, then finds nothing")
        void closedFences() {
            Markdown page = Markdown.of(Path.of("x.md"), "```json\n{}\n```\n~~~\n```\n~~~\n");

            assertThat(page.fenceProblems()).isEmpty();
        }

        @Test
        @DisplayName("then makes GitHub's anchors: lowercase, spaces to -, punctuation but - and _ removed, duplicates numbered")
        void makesGitHubAnchors() {
            Markdown page = Markdown.of(Path.of("x.md"), """
                    # Elevate
                    ## Request → approve → elevate
                    ## Notifications: SNS and signed webhooks
                    ## The `elevate` command
                    ## [Linked](y.md) heading_with-marks
                    ## Elevate
                    ```
                    # not a heading
                    ```
                    """);

            assertThat(page.anchors()).containsExactly("elevate", "request--approve--elevate",
                    "notifications-sns-and-signed-webhooks", "the-elevate-command", "linked-heading_with-marks",
                    "elevate-1");
        }

        @Test
        @DisplayName("given links to a missing file, a missing heading and a missing heading of another page, then reports each")
        void reportsBrokenLinks() throws IOException {
            Path dir = Files.createTempDirectory("docs-test");
            Files.writeString(dir.resolve("other.md"), "# Other page\n");
            Markdown page = Markdown.of(dir.resolve("page.md"), """
                    # Page
                    [ok](#page) [ok](other.md#other-page) [ok](other.md) [web](https://example.com/#x)
                    `[code](missing.md)` and
                    ```
                    [in a block](missing.md)
                    ```
                    [gone](missing.md) [no heading](#nowhere) ![no anchor there](other.md#nowhere)
                    """);

            assertThat(page.brokenLinks()).containsExactly("line 7: missing.md (no such file)",
                    "line 7: #nowhere (no such heading)", "line 7: other.md#nowhere (no such heading)");
        }
    }

    /** A Markdown page as GitHub reads it: fenced blocks, headings, and links outside code. */
    static final class Markdown {

        private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
        private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
        private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
        private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\(([^)\\s]+)(\\s+\"[^\"]*\")?\\)");
        private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

        private final Path path;
        private final List<String> lines;

        private Markdown(Path path, List<String> lines) {
            this.path = path;
            this.lines = lines;
        }

        static Markdown read(Path path) {
            try {
                return of(path, Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Markdown of(Path path, String text) {
            return new Markdown(path, text.lines().toList());
        }

        /** The blocks left open at the end of the page (a fence with an info string never closes one). */
        List<String> fenceProblems() {
            List<String> problems = new ArrayList<>();
            String open = null;
            int openedAt = 0;
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (!fence.matches()) {
                    continue;
                }
                String marks = fence.group(1);
                String info = fence.group(2).trim();
                if (open == null) {
                    open = marks;
                    openedAt = i + 1;
                } else if (marks.charAt(0) == open.charAt(0) && marks.length() >= open.length() && info.isEmpty()) {
                    open = null;
                }
            }
            if (open != null) {
                problems.add("the code block opened on line " + openedAt + " (" + lines.get(openedAt - 1).trim()
                        + ") is never closed");
            }
            return problems;
        }

        /** The lines outside fenced blocks, by line number (1-based). */
        private Map<Integer, String> prose() {
            Map<Integer, String> prose = new java.util.TreeMap<>();
            String open = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher fence = FENCE.matcher(line);
                if (fence.matches()) {
                    String marks = fence.group(1);
                    if (open == null) {
                        open = marks;
                    } else if (marks.charAt(0) == open.charAt(0) && marks.length() >= open.length()
                            && fence.group(2).isBlank()) {
                        open = null;
                    }
                    continue;
                }
                if (open == null) {
                    prose.put(i + 1, line);
                }
            }
            return prose;
        }

        /** The anchors GitHub gives this page's headings, in order. */
        List<String> anchors() {
            List<String> anchors = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : prose().values()) {
                Matcher heading = HEADING.matcher(line);
                if (!heading.matches()) {
                    continue;
                }
                String text = LINK.matcher(heading.group(1)).replaceAll("$1");
                String anchor = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                        .replace(' ', '-');
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
            return anchors;
        }

        /** Relative links whose file does not exist, or whose fragment names no heading of its page. */
        List<String> brokenLinks() {
            List<String> broken = new ArrayList<>();
            Map<Path, Set<String>> anchorsOf = new HashMap<>();
            prose().forEach((number, line) -> {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (link.find()) {
                    String target = link.group(2);
                    if (SCHEME.matcher(target).matches() || target.startsWith("//")) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String file = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash),
                            StandardCharsets.UTF_8);
                    String fragment = hash < 0 ? null : target.substring(hash + 1);
                    Path resolved = file.isEmpty() ? path : path.toAbsolutePath().getParent().resolve(file).normalize();
                    if (!file.isEmpty() && !Files.exists(resolved)) {
                        broken.add("line " + number + ": " + target + " (no such file)");
                        continue;
                    }
                    if (fragment != null && resolved.getFileName().toString().endsWith(".md")) {
                        Set<String> anchors = anchorsOf.computeIfAbsent(resolved, p -> p.equals(path) ? anchorSet(this)
                                : anchorSet(read(p)));
                        if (!anchors.contains(fragment)) {
                            broken.add("line " + number + ": " + target + " (no such heading)");
                        }
                    }
                }
            });
            return broken;
        }

        private static Set<String> anchorSet(Markdown page) {
            return new LinkedHashSet<>(page.anchors());
        }
    }
}
