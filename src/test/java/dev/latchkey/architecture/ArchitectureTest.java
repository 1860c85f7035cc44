package dev.latchkey.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.latchkey.flow.grant.GrantHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes: each package imports only
 * the packages it may, nothing forms a cycle, and no grant handler knows another.
 */
class ArchitectureTest {
    private static final String BASE = "dev.latchkey";

    /** Each package and the packages (of this project) it may import; docs/architecture.md says why. */
    static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("policy", Set.of()),
            Map.entry("config", Set.of("policy")),
            Map.entry("store", Set.of("policy", "config")),
            Map.entry("token", Set.of("policy", "config")),
            Map.entry("jobs", Set.of("policy", "config", "store")),
            Map.entry("flow", Set.of("policy", "config", "store", "token", "jobs")),
            Map.entry("ui", Set.of("policy", "config", "token")),
            Map.entry("http", Set.of("policy", "config", "store", "ui")),
            Map.entry("api", Set.of("policy", "config", "flow", "token", "http", "ui")),
            Map.entry("admin", Set.of("policy", "config", "flow", "token", "http")),
            Map.entry("console", Set.of("policy", "config", "flow", "http", "ui")));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void eachPackageImportsOnlyWhatItMay() {
        for (var entry : MAY_IMPORT.entrySet()) {
            String[] forbidden = MAY_IMPORT.keySet().stream()
                    .filter(other -> !other.equals(entry.getKey()) && !entry.getValue().contains(other))
                    .map(other -> BASE + "." + other + "..")
                    .toArray(String[]::new);
            if (forbidden.length == 0) {
                continue;
            }
            ArchRule rule = noClasses().that().resideInAPackage(BASE + "." + entry.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(entry.getKey() + " may import only " + entry.getValue() + " (docs/architecture.md)");
            rule.check(classes);
        }
    }

    @Test
    void policyIsPureJava() {
        noClasses().that().resideInAPackage(BASE + ".policy..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..",
                        "org.hibernate..", "java.sql..")
                .because("policy decides from values alone: no CDI, persistence, HTTP or database")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        SlicesRuleDefinition.slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void grantHandlersDoNotKnowOneAnother() {
        noClasses().that().implement(GrantHandler.class)
                .should().dependOnClassesThat().implement(GrantHandler.class)
                .because("a grant is a unit: adding one edits no other")
                .check(classes);
    }
}
