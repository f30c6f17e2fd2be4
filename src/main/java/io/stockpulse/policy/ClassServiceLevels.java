package io.stockpulse.policy;

/**
 * Default cycle service level per ABC class (A items are worth more stock than C items; Silver,
 * Pyke &amp; Thomas §2.4 and §7). A SKU policy's own {@code serviceLevel} always wins.
 */
public record ClassServiceLevels(double a, double b, double c) {

    public static final ClassServiceLevels DEFAULT = new ClassServiceLevels(0.99, 0.98, 0.95);

    public ClassServiceLevels {
        for (double level : new double[] {a, b, c}) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("class service levels must be in (0, 1), was " + level);
            }
        }
    }

    public double of(AbcXyzClassification.AbcClass abcClass) {
        return switch (abcClass) {
            case A -> a;
            case B -> b;
            case C -> c;
        };
    }

    /** The SKU's explicit level if it has one, else its class's. */
    public double resolve(Double skuServiceLevel, AbcXyzClassification.AbcClass abcClass) {
        return skuServiceLevel != null ? skuServiceLevel : of(abcClass);
    }
}
