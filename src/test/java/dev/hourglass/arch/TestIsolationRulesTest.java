package dev.hourglass.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tests share one JVM (pom.xml, default-test), and libtorch's thread count is process-wide:
 * a test that changes it changes what every later test computes. Only the tests of the pom's
 * "isolated" execution, which run in a JVM of their own, may set it.
 */
class TestIsolationRulesTest {

    private static final Set<String> ISOLATED = Set.of("dev.hourglass.backend.ThreadSettingTest",
            "dev.hourglass.codec.LearnedCodecThreadsTest");

    @Test
    void onlyIsolatedTestsChangeLibtorchsThreadCount() throws Exception {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.hourglass");
        Set<String> setters = new TreeSet<>();
        for (JavaClass c : tests) {
            boolean isTest = c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                    || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest"));
            if (!isTest) continue; // e.g. command-line reproductions with a main method, which Surefire does not run
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                String target = call.getTarget().getOwner().getName() + "." + call.getTarget().getName();
                if (target.equals("dev.hourglass.backend.Torch.setThreads") || target.equals("org.bytedeco.pytorch.global.torch.set_num_threads")) {
                    setters.add(c.getName().replaceAll("\\$.*", ""));
                }
            }
        }
        Set<String> shared = new TreeSet<>(setters);
        shared.removeAll(ISOLATED);
        assertEquals(Set.of(), shared, "tests in the shared JVM that set libtorch's thread count");
        String pom = Files.readString(Path.of("pom.xml"));
        for (String t : ISOLATED) {
            String simple = t.substring(t.lastIndexOf('.') + 1);
            assertTrue(pom.contains("<exclude>**/" + simple + ".java</exclude>")
                            && java.util.regex.Pattern.compile("<test>[^<]*\\b" + simple + "\\b[^<]*</test>").matcher(pom).find(),
                    simple + " must be excluded from default-test and run by the isolated execution");
        }
        assertTrue(List.copyOf(setters).containsAll(ISOLATED), "the isolated test still sets the thread count: " + setters);
    }
}
