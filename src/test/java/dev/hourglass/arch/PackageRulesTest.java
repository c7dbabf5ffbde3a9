package dev.hourglass.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package rules of ARCHITECTURE.md, package by package: whom each package may import, and
 * who may touch the libtorch bindings ({@code org.bytedeco}). Every package of the project must
 * have a row here; a new package fails {@link #everyPackageHasARule()} until it gets one.
 */
class PackageRulesTest {

    private static final String P = "dev.hourglass.";
    private static final String JAVA = "java..";
    private static final String NATIVE = "org.bytedeco..";
    private static final String JSON_ANNOTATIONS = "com.fasterxml.jackson.annotation..";
    private static final String JSON = "com.fasterxml.jackson..";
    private static final String[] IMAGES = {"javax.imageio..", "java.awt.."};
    private static final String CHARTS = "org.jfree..";

    /** Package → what it may depend on besides itself (project packages by short name, others by pattern). */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("convmath", JAVA);
        allow("data", JAVA, IMAGES[0], IMAGES[1]);
        allow("metrics", JAVA, "data");
        allow("codec.entropy", JAVA);
        allow("codec.format", JAVA);
        allow("backend", JAVA, NATIVE);
        allow("model", JAVA, NATIVE, JSON_ANNOTATIONS, "convmath", "backend");
        allow("spec", JAVA, JSON, "model", "backend");
        allow("runtime", JAVA, NATIVE, "model", "spec", "convmath", "backend");
        allow("inspect", JAVA, JSON_ANNOTATIONS, "runtime", "model", "convmath", "metrics", "data", "backend");
        allow("inspect.html", JAVA, CHARTS, IMAGES[0], IMAGES[1], "inspect", "data", "convmath");
        allow("train", JAVA, NATIVE, JSON, CHARTS, IMAGES[0], IMAGES[1], "runtime", "model", "spec", "data", "metrics", "backend");
        allow("codec", JAVA, CHARTS, IMAGES[0], IMAGES[1], "runtime", "model", "codec.entropy", "codec.format", "data", "metrics",
                "convmath", "backend");
        allow("bench", JAVA, "runtime", "train", "model", "convmath", "backend");
        allow("interop", JAVA, JSON, "net.razorvine.pickle..", "runtime", "model", "backend");
        allow("cli", JAVA, JSON, "picocli..", "bench", "interop", "codec", "codec.entropy", "codec.format", "inspect", "inspect.html", "train", "runtime", "spec",
                "model", "backend", "metrics", "data", "convmath");
    }

    private static void allow(String pkg, String... deps) {
        ALLOWED.put(pkg, List.of(deps));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hourglass");
    }

    @Test
    void everyPackageHasARule() {
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName().substring(P.length());
            packages.add(ALLOWED.containsKey(pkg) ? pkg : pkg + " (no rule)");
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "every package needs a row in ALLOWED and in ARCHITECTURE.md");
    }

    @Test
    void eachPackageImportsOnlyWhatItsRuleAllows() {
        for (Map.Entry<String, List<String>> rule : ALLOWED.entrySet()) {
            List<String> allowed = new ArrayList<>();
            allowed.add(P + rule.getKey());       // itself (not its sub-packages: codec.entropy and inspect.html are rows of their own)
            for (String d : rule.getValue()) allowed.add(ALLOWED.containsKey(d) ? P + d : d);
            classes().that().resideInAPackage(P + rule.getKey())
                    .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                    .because("ARCHITECTURE.md: " + rule.getKey() + " may import " + rule.getValue())
                    .check(classes);
        }
    }

    @Test
    void onlyBackendModelRuntimeAndTrainTouchTheBindings() {
        noClasses().that().resideOutsideOfPackages(P + "backend", P + "model", P + "runtime", P + "train")
                .should().dependOnClassesThat().resideInAnyPackage(NATIVE).check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.hourglass.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingImportsTheCli() {
        noClasses().that().resideOutsideOfPackage(P + "cli..").should().dependOnClassesThat()
                .resideInAPackage(P + "cli..").check(classes);
    }

    @Test
    void onlyTheCliUsesPicocliAndTheConsole() {
        noClasses().that().resideOutsideOfPackage(P + "cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
        noClasses().that().resideOutsideOfPackage(P + "cli..").should().accessField(System.class, "out").check(classes);
        noClasses().that().resideOutsideOfPackage(P + "cli..").should().callMethod(System.class, "exit", int.class).check(classes);
    }
}
