package io.elevate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * There is no Docker engine where the build runs, so this test keeps {@code docker/} in step with what it packs: the
 * Keycloak version of the poms, the jar the module builds, the theme and realm folders, the feature Elevate needs.
 */
@DisplayName("docker/")
class DockerFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("elevate.root", "..")).toAbsolutePath().normalize();
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern FEATURES = Pattern.compile("KC_FEATURES=(\\S+)");

    private static String dockerfile;
    private static String devCompose;
    private static String prodCompose;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        devCompose = Files.readString(ROOT.resolve("docker/compose.dev.yml"));
        prodCompose = Files.readString(ROOT.resolve("docker/compose.prod.yml"));
    }

    @Nested
    @DisplayName("the Dockerfile")
    class TheDockerfile {

        @Test
        @DisplayName("builds on the Keycloak image of the root pom's keycloak.version, in every stage")
        void usesThePomsKeycloakVersion() throws Exception {
            String version = text(xml(ROOT.resolve("pom.xml")), "properties", "keycloak.version");

            assertThat(all(FROM, dockerfile)).isNotEmpty()
                    .allSatisfy(image -> assertThat(image).isEqualTo("quay.io/keycloak/keycloak:" + version));
        }

        @Test
        @DisplayName("copies the jar the extension module builds into providers/")
        void copiesTheBuiltJar() throws Exception {
            String finalName = text(xml(ROOT.resolve("keycloak-extension/pom.xml")), "build", "finalName");

            assertThat(copies()).contains("keycloak-extension/target/" + finalName + ".jar -> /opt/keycloak/providers/");
        }

        @Test
        @DisplayName("copies the elevate theme and the demo realm, which exist")
        void copiesTheThemeAndTheRealm() {
            assertThat(copies()).contains("themes/elevate -> /opt/keycloak/themes/elevate",
                    "realm-config/elevate-demo-realm.json -> /opt/keycloak/data/import/");
            assertThat(ROOT.resolve("themes/elevate/login/theme.properties")).isRegularFile();
            assertThat(ROOT.resolve("realm-config/elevate-demo-realm.json")).isRegularFile();
            assertThat(copies()).as("every COPY source but the build output exists")
                    .map(copy -> copy.substring(0, copy.indexOf(" -> ")))
                    .filteredOn(source -> !source.startsWith("keycloak-extension/target/"))
                    .allSatisfy(source -> assertThat(ROOT.resolve(source)).exists());
        }

        @Test
        @DisplayName("enables declarative-ui, which the Elevation policies page needs, and runs kc.sh build")
        void enablesTheFeatureAndBuilds() throws IOException {
            String pages = Files.readString(ROOT.resolve(
                    "keycloak-extension/src/main/resources/META-INF/services/org.keycloak.services.ui.extend.UiPageProviderFactory"));
            assertThat(pages).as("Elevate registers an admin console page").isNotBlank();

            List<String> features = all(FEATURES, dockerfile);
            assertThat(features).isNotEmpty().allSatisfy(list ->
                    assertThat(Arrays.asList(list.split(","))).contains("declarative-ui"));
            assertThat(dockerfile).containsPattern("(?m)^RUN /opt/keycloak/bin/kc\\.sh build$");
        }

        @Test
        @DisplayName("enables health and metrics on the management port, at build and at run time (docs/metrics.md)")
        void enablesMetrics() {
            assertThat(all(Pattern.compile("KC_METRICS_ENABLED=(\\S+)"), dockerfile)).hasSize(2).containsOnly("true");
            assertThat(all(Pattern.compile("KC_HEALTH_ENABLED=(\\S+)"), dockerfile)).hasSize(2).containsOnly("true");
            assertThat(ROOT.resolve("docker/prometheus/elevate-alerts.yml")).isRegularFile();
        }
    }

    @Nested
    @DisplayName("the compose files")
    class TheComposeFiles {

        @Test
        @DisplayName("build the image from docker/Dockerfile with the repository as context")
        void buildTheImage() {
            for (String compose : List.of(devCompose, prodCompose)) {
                assertThat(compose).contains("context: ..").contains("dockerfile: docker/Dockerfile");
            }
        }

        @Test
        @DisplayName("dev: start-dev with the demo realm on the embedded database, on port 8080")
        void dev() {
            assertThat(devCompose).contains("\"start-dev\", \"--import-realm\"").contains("KC_DB: dev-file")
                    .contains("\"8080:8080\"");
        }

        @Test
        @DisplayName("prod: two nodes on one PostgreSQL 16, ready on the management port, without the demo realm")
        void prod() {
            assertThat(prodCompose).contains("image: postgres:16").contains("pg_isready")
                    .contains("KC_DB: postgres").contains("jdbc:postgresql://postgres:5432/keycloak")
                    .contains("/dev/tcp/127.0.0.1/9000").contains("GET /health/ready")
                    .contains("keycloak-1:").contains("keycloak-2:")
                    .doesNotContain("--import-realm").doesNotContain("KC_CACHE_STACK");
        }
    }

    /** Each {@code COPY source destination} of the build context (not {@code --from} a stage), as "source -> destination". */
    private static List<String> copies() {
        List<String> copies = new ArrayList<>();
        Matcher copy = COPY.matcher(dockerfile);
        while (copy.find()) {
            copies.add(copy.group(1) + " -> " + copy.group(2));
        }
        return copies;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The text of {@code <project><section><name>}, failing if the pom has none. */
    private static String text(Document pom, String section, String name) {
        Element project = pom.getDocumentElement();
        for (Element child : children(project, section)) {
            for (Element value : children(child, name)) {
                return value.getTextContent().trim();
            }
        }
        throw new AssertionError("no <" + section + "><" + name + "> in the pom");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }
}
