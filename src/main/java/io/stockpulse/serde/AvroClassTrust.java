package io.stockpulse.serde;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Tells Avro that the generated classes a serde was built for may be instantiated when decoding.
 *
 * <p>Why: since Avro 1.12.2 (AVRO-4189, hardening after CVE-2024-47561) every class Avro loads by
 * name, including the generated record and enum classes {@code SpecificData} instantiates while
 * decoding, must be trusted through
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES} / {@code SERIALIZABLE_CLASSES} or
 * {@link ClassSecurityValidator#setGlobal}; without that, decoding a {@code SaleEvent} fails with
 * "SecurityException: Forbidden io.stockpulse.avro.SaleEvent". A serde constructed for
 * {@code SaleEvent.class} is an explicit statement that the application trusts that class, so we
 * add exactly the named types (records, enums, fixed) of its reader schema — never names taken
 * from a writer schema received over the wire — to the global validator, keeping whatever
 * predicate was installed before.
 */
final class AvroClassTrust {

    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
    private static final ClassSecurityPredicate OURS = c -> TRUSTED.contains(c.getName());
    private static ClassSecurityPredicate installed;

    private AvroClassTrust() {
    }

    /** Trusts the classes of all named types in {@code readerSchema} (a generated class's schema). */
    static void trustNamedTypesOf(Schema readerSchema) {
        collect(readerSchema, Collections.newSetFromMap(new IdentityHashMap<>()));
        synchronized (AvroClassTrust.class) {
            ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
            if (current != installed) { // first call, or someone replaced the global since
                installed = ClassSecurityValidator.composite(current, OURS);
                ClassSecurityValidator.setGlobal(installed);
            }
        }
    }

    private static void collect(Schema s, Set<Schema> seen) {
        if (!seen.add(s)) {
            return;
        }
        switch (s.getType()) {
            case RECORD -> {
                TRUSTED.add(SpecificData.getClassName(s));
                s.getFields().forEach(f -> collect(f.schema(), seen));
            }
            case ENUM, FIXED -> TRUSTED.add(SpecificData.getClassName(s));
            case ARRAY -> collect(s.getElementType(), seen);
            case MAP -> collect(s.getValueType(), seen);
            case UNION -> s.getTypes().forEach(t -> collect(t, seen));
            default -> { }
        }
    }
}
