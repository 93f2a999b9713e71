package org.behalf.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency direction of DESIGN.md section 3 (CONTRIBUTING's module table), enforced on the
 * compiled main classes of every module, the benchmarks included: a module may use only itself
 * and the packages listed for it. A module's "public API" is its {@code api} package; everything
 * else in it is internal. No rule passes for want of classes: a module whose package is empty or
 * renamed fails its rule (ArchUnit's default), and a package of ours without a row fails
 * {@link #everyModuleHasARow()}.
 */
class ModuleDependencyTest {

    /** Module package and what it may use of ours: CONTRIBUTING's module table. */
    private static final Map<String, String[]> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("kernel", new String[0]);
        // audit-format (a package name cannot hold the module name's hyphen): the log's format and the offline verifier.
        MAY_USE.put("auditformat", new String[0]);
        MAY_USE.put("audit", new String[] {"org.behalf.kernel..", "org.behalf.auditformat.."});
        MAY_USE.put("identity", new String[] {"org.behalf.kernel..", "org.behalf.audit.api.."});
        MAY_USE.put("delegation", new String[] {"org.behalf.kernel..", "org.behalf.audit.api..", "org.behalf.identity.api.."});
        MAY_USE.put("network", new String[] {"org.behalf.kernel..", "org.behalf.audit.api..", "org.behalf.identity.api..",
                "org.behalf.delegation.api.."});
        MAY_USE.put("events", new String[] {"org.behalf.kernel..", "org.behalf.audit.api..", "org.behalf.identity.api.."});
        MAY_USE.put("console", new String[] {"org.behalf.kernel..", "org.behalf.audit.api..", "org.behalf.identity.api..",
                "org.behalf.delegation.api..", "org.behalf.network.api.."});
        // The MCP server for AI assistants: like the console, the api packages only; its tool calls reach the API as API requests.
        MAY_USE.put("agents", new String[] {"org.behalf.kernel..", "org.behalf.audit.api..", "org.behalf.identity.api..",
                "org.behalf.delegation.api..", "org.behalf.network.api.."});
        MAY_USE.put("testing", new String[] {"org.behalf.auditformat.."});
        // The activity benchmark measures the recorder the server appends with (audit.chain) and the
        // offline verifier, without HTTP in between; every other benchmark is an HTTP client.
        MAY_USE.put("bench", new String[] {"org.behalf.testing..", "org.behalf.auditformat..", "org.behalf.audit.api..",
                "org.behalf.audit.chain.."});
    }

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.behalf");
    }

    static Stream<String> modules() {
        return MAY_USE.keySet().stream();
    }

    @ParameterizedTest(name = "{0} depends only on what the design allows")
    @MethodSource("modules")
    void moduleUsesOnlyWhatTheDesignAllows(String module) {
        String own = "org.behalf." + module + "..";
        String[] allowed = Stream.concat(Arrays.stream(MAY_USE.get(module)), Stream.of(own)).toArray(String[]::new);
        classes().that().resideInAPackage(own)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.behalf..").or(resideInAnyPackage(allowed)))
                .check(main);
    }

    /** A new module (or a class outside every module) cannot slip past the rules above. */
    @Test
    void everyModuleHasARow() {
        Set<String> seen = main.stream().map(JavaClass::getPackageName)
                .map(name -> name.substring("org.behalf.".length()).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ruled = new TreeSet<>(MAY_USE.keySet());
        ruled.add("server");

        assertThat(seen).as("the modules among the imported classes").isEqualTo(ruled);
    }

    @Test
    void nothingImportsTheServer() {
        assertThat(main.that(resideInAPackage("org.behalf.server.."))).as("the server's classes are imported").isNotEmpty();
        noClasses().that(not(resideInAnyPackage("org.behalf.server..")))
                .should().dependOnClassesThat().resideInAPackage("org.behalf.server..")
                .check(main);
    }

    @Test
    void testSupportIsNeverUsedByProductCode() {
        classes().that().resideInAPackage("org.behalf.testing..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("org.behalf.testing..", "org.behalf.bench..")
                .check(main);
    }
}
