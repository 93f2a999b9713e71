package org.behalf.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md section 3, enforced on the compiled main classes: a module
 * may use only itself and the packages listed for it. A module's "public API" is its {@code api}
 * package; everything else in it is internal.
 */
class ModuleDependencyTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.behalf");
    }

    @ParameterizedTest(name = "{0} depends only on: {1}")
    @CsvSource(delimiter = ';', value = {
            "org.behalf.verifier..;  ",
            "org.behalf.audit..;     org.behalf.verifier..",
            "org.behalf.identity..;  org.behalf.audit.api..",
            "org.behalf.delegation..;org.behalf.audit.api.., org.behalf.identity.api..",
            "org.behalf.network..;   org.behalf.audit.api.., org.behalf.identity.api.., org.behalf.delegation.api..",
            "org.behalf.events..;    org.behalf.audit.api.., org.behalf.identity.api..",
            "org.behalf.console..;   org.behalf.audit.api.., org.behalf.identity.api.., org.behalf.delegation.api.., org.behalf.network.api.., org.behalf.verifier..",
    })
    void moduleUsesOnlyWhatTheDesignAllows(String module, String allowed) {
        String[] allowedPackages = allowed == null ? new String[0] : allowed.split("\\s*,\\s*");
        String[] own = append(allowedPackages, module);
        classes().that().resideInAPackage(module)
                .should().onlyDependOnClassesThat(
                        resideOutsideOfPackage("org.behalf..").or(resideInAnyPackage(own)))
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void nothingImportsTheServer() {
        noClasses().that(not(resideInAnyPackage("org.behalf.server..")))
                .should().dependOnClassesThat().resideInAPackage("org.behalf.server..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void testSupportIsNeverUsedByMainCode() {
        noClasses().that(not(resideInAnyPackage("org.behalf.testing..")))
                .should().dependOnClassesThat().resideInAPackage("org.behalf.testing..")
                .allowEmptyShould(true)
                .check(main);
    }

    private static String[] append(String[] packages, String last) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = last;
        return all;
    }
}
