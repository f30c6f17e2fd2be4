package io.stockpulse.topology;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes named by a schema unless they are trusted (a guard
 * against deserialization gadgets). Our generated records are trusted by package; everything else
 * keeps Avro's default policy.
 */
public final class TrustedAvroClasses {

    private static final String PACKAGE = "io.stockpulse.avro.";
    private static volatile boolean installed;

    private TrustedAvroClasses() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PACKAGE)));
        installed = true;
    }
}
