package dev.hourglass.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rules of DESIGN.md: who may import whom. */
class PackageRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hourglass");
    }

    private static final String[] PURE = {"dev.hourglass.convmath..", "dev.hourglass.data..", "dev.hourglass.metrics..",
            "dev.hourglass.codec.entropy..", "dev.hourglass.codec.format.."};

    @Test
    void purePackagesUseNoNativeCode() {
        noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void convmathAndCodecPartsDependOnTheJdkOnly() {
        noClasses().that().resideInAnyPackage("dev.hourglass.convmath..", "dev.hourglass.codec.entropy..", "dev.hourglass.codec.format..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hourglass.model..", "dev.hourglass.backend..",
                        "dev.hourglass.inspect..", "dev.hourglass.train..", "dev.hourglass.data..", "dev.hourglass.cli..",
                        "com.fasterxml..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void onlyBackendAndModelTouchJavaCpp() {
        noClasses().that().resideOutsideOfPackages("dev.hourglass.backend..", "dev.hourglass.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..").check(classes);
    }

    @Test
    void backendKnowsNothingOfTheDomain() {
        noClasses().that().resideInAPackage("dev.hourglass.backend..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hourglass.model..", "dev.hourglass.inspect..", "dev.hourglass.train..",
                        "dev.hourglass.codec..", "dev.hourglass.cli..", "dev.hourglass.convmath..").check(classes);
    }

    @Test
    void modelDependsOnConvmathAndBackendOnly() {
        noClasses().that().resideInAPackage("dev.hourglass.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hourglass.inspect..", "dev.hourglass.train..", "dev.hourglass.codec..",
                        "dev.hourglass.cli..", "dev.hourglass.data..", "dev.hourglass.metrics..").check(classes);
    }

    @Test
    void inspectDoesNotReachTrainingOrCodec() {
        noClasses().that().resideInAPackage("dev.hourglass.inspect..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hourglass.train..", "dev.hourglass.codec..", "dev.hourglass.cli..").check(classes);
    }

    @Test
    void nothingImportsTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.hourglass.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.hourglass.cli..").check(classes);
    }

    @Test
    void onlyTheCliUsesPicocliAndTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.hourglass.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
        noClasses().that().resideOutsideOfPackage("dev.hourglass.cli..").should().accessField(System.class, "out").check(classes);
        noClasses().that().resideOutsideOfPackage("dev.hourglass.cli..").should().callMethod(System.class, "exit", int.class).check(classes);
    }
}
