package io.elevate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How Elevate's packages depend on each other: in layers, each using only the layers below it, and no package ever
 * reaching back to one that uses it.
 *
 * <pre>
 * Web       api (mounts portal), portal, admin           REST, the portal's pages, the admin console's endpoints
 *           chat                                         Slack's interactivity endpoint (button presses decide)
 * Tools     schedule, metrics.gauges, aws.iam,           what runs beside the requests: the timers that drive the
 *           persistence, insight                         workflow and drain the outboxes, the database gauges, the
 *                                                        IAM artifacts generator (reads the realm's policies and
 *                                                        mappers, so it sits up here despite its name) and the JPA
 *                                                        entity registration (names every store's entities), the
 *                                                        dashboard's figures (reads windows and revocations)
 * Workflow  workflow                                     requests, approvals, policies; one transition core
 * Outboxes  revoke, breakglass                           rows the workflow writes in its own transaction, drained
 *                                                        later by workers that call AWS
 * Sign-in   signin                                       the gate, both AWS mappers, the assertion plan; it reads
 *                                                        windows and never the workflow (revoke reads its mapper
 *                                                        settings for the number of slots)
 * Records   audit, notify                                the audit trail and the notices
 * AWS       aws, aws.client, aws.instances, aws.policy   names and tag rules, SDK clients, instance lookups, IAM
 *                                                        policy documents
 * Base      io.elevate, validation, window, metrics,     the build's facts and clock, the Violation type, the
 *           outbox                                       window model and store (the elevate-windows provider, all
 *                                                        the sign-in path asks), the counters everyone records, the
 *                                                        outbox runner (read, call with no transaction, record)
 * </pre>
 *
 * A new package must be placed in a layer here; the test fails until it is.
 */
@DisplayName("Elevate's packages")
class LayeringTest {

    private static final JavaClasses ELEVATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.elevate");

    private static final String[] BASE = {"io.elevate", "io.elevate.validation", "io.elevate.window", "io.elevate.rules",
            "io.elevate.metrics", "io.elevate.outbox"};
    private static final String[] AWS = {"io.elevate.aws", "io.elevate.aws.client", "io.elevate.aws.instances",
            "io.elevate.aws.policy"};
    private static final String[] RECORDS = {"io.elevate.audit", "io.elevate.notify"};
    private static final String[] SIGN_IN = {"io.elevate.signin"};
    private static final String[] OUTBOXES = {"io.elevate.revoke", "io.elevate.breakglass"};
    private static final String[] WORKFLOW = {"io.elevate.workflow"};
    private static final String[] TOOLS = {"io.elevate.schedule", "io.elevate.metrics.gauges", "io.elevate.aws.iam",
            "io.elevate.persistence", "io.elevate.insight"};
    private static final String[] WEB = {"io.elevate.api", "io.elevate.portal", "io.elevate.admin",
            "io.elevate.chat"};

    /** Every package is a slice of its own (aws.iam is not aws): none may depend on itself through others. */
    static final ArchRule NO_CYCLES = slices().matching("io.elevate.(**)").should().beFreeOfCycles();

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Base").definedBy(BASE)
            .layer("AWS").definedBy(AWS)
            .layer("Records").definedBy(RECORDS)
            .layer("Sign-in").definedBy(SIGN_IN)
            .layer("Outboxes").definedBy(OUTBOXES)
            .layer("Workflow").definedBy(WORKFLOW)
            .layer("Tools").definedBy(TOOLS)
            .layer("Web").definedBy(WEB)
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Tools").mayOnlyBeAccessedByLayers("Web")
            .whereLayer("Workflow").mayOnlyBeAccessedByLayers("Tools", "Web")
            .whereLayer("Outboxes").mayOnlyBeAccessedByLayers("Workflow", "Tools", "Web")
            .whereLayer("Sign-in").mayOnlyBeAccessedByLayers("Outboxes", "Workflow", "Tools", "Web")
            .whereLayer("Records").mayOnlyBeAccessedByLayers("Sign-in", "Outboxes", "Workflow", "Tools", "Web")
            .whereLayer("AWS").mayOnlyBeAccessedByLayers("Records", "Sign-in", "Outboxes", "Workflow", "Tools", "Web");

    @Test
    @DisplayName("never depend on each other in a circle")
    void freeOfCycles() {
        NO_CYCLES.check(ELEVATE);
    }

    @Test
    @DisplayName("use only the layers below them")
    void layered() {
        LAYERS.check(ELEVATE);
    }

    @Test
    @DisplayName("each belong to a layer")
    void everyPackageHasALayer() {
        classes().should().resideInAnyPackage(all()).check(ELEVATE);
    }

    @Nested
    @DisplayName("at the bottom")
    class Base {

        @Test
        @DisplayName("validation, the counters and the outbox runner depend on no other Elevate package")
        void leaves() {
            noClasses().that().resideInAnyPackage("io.elevate.validation", "io.elevate.metrics", "io.elevate.outbox")
                    .should().dependOnClassesThat().resideInAnyPackage(allBut("io.elevate.validation",
                            "io.elevate.metrics", "io.elevate.outbox"))
                    .check(ELEVATE);
        }

        @Test
        @DisplayName("window depends on no other Elevate package except the root (the clock) and validation")
        void windowStandsAlone() {
            noClasses().that().resideInAPackage("io.elevate.window")
                    .should().dependOnClassesThat().resideInAnyPackage(allBut("io.elevate.window", "io.elevate",
                            "io.elevate.validation"))
                    .check(ELEVATE);
        }
    }

    @Test
    @DisplayName("given a cycle between two packages, then the cycle rule fails")
    void theCycleRuleCanFail() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.elevate.testing.layering");

        assertThatThrownBy(() -> NO_CYCLES.check(cyclic)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.elevate.testing.layering.a").hasMessageContaining("io.elevate.testing.layering.b");
    }

    private static String[] all() {
        return java.util.stream.Stream.of(BASE, AWS, RECORDS, SIGN_IN, OUTBOXES, WORKFLOW, TOOLS, WEB)
                .flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static String[] allBut(String... allowed) {
        java.util.List<String> keep = java.util.List.of(allowed);
        return java.util.Arrays.stream(all()).filter(p -> !keep.contains(p)).toArray(String[]::new);
    }
}
