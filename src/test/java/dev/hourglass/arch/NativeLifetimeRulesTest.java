package dev.hourglass.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ARCHITECTURE.md, "Life of a tensor and of a native object": no static field holds a native
 * object (a JavaCPP {@code Pointer}) or a container of them. A static field does not keep a native
 * object alive: the memory scope it was created in frees it whatever Java still refers to (notes
 * §11), so such a field holds either a freed wrapper or an object whose lifetime nobody owns.
 */
class NativeLifetimeRulesTest {

    private static final String POINTER = "org.bytedeco.javacpp.Pointer";

    @Test
    void noStaticFieldHoldsANativeObject() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hourglass");
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.STATIC) && holdsPointer(f.getType())) found.add(f.getFullName());
            }
        }
        assertEquals(List.of(), found, "static fields holding native objects");
    }

    private static boolean holdsPointer(JavaType t) {
        if (t.toErasure().isAssignableTo(POINTER)) return true;
        if (t.toErasure().isArray() && t.toErasure().getBaseComponentType().isAssignableTo(POINTER)) return true;
        if (t instanceof JavaParameterizedType p) {
            for (JavaType a : p.getActualTypeArguments()) if (holdsPointer(a)) return true;
        }
        return false;
    }
}
