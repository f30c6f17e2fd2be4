package io.stockpulse.policy;

import io.stockpulse.policy.AbcXyzClassification.XyzCutoffs;

/**
 * Everything that decides a SKU's ABC/XYZ class and what the class changes, in one validated value:
 * the Pareto shares of the A and B classes, the default service level of each ABC class, the XYZ
 * cut-offs, the trailing window the classes (and the intermittent rate) are computed over, and the
 * TSB smoothing constants of intermittent items.
 *
 * @param aShare        share of the total sales value covered by A items (Pareto, e.g. 0.80)
 * @param bShare        share covered by B items after the A items (e.g. 0.15); the rest is C
 * @param serviceLevels default cycle service level per ABC class
 * @param xyz           CV and ADI cut-offs of the XYZ classes
 * @param windowDays    trailing days of demand behind the sales value, the XYZ class and the TSB rate
 * @param tsbAlpha      TSB smoothing of the demand size
 * @param tsbBeta       TSB smoothing of the demand probability
 */
public record ClassSettings(double aShare, double bShare, ClassServiceLevels serviceLevels, XyzCutoffs xyz,
                            int windowDays, double tsbAlpha, double tsbBeta) {

    /** 80/15/5 Pareto, A 0.98 / B 0.95 / C 0.90, X ≤ 0.5 ≤ Y ≤ 1.0 CV, ADI 1.32, 91 days, TSB α = β = 0.1. */
    public static final ClassSettings DEFAULT = new ClassSettings(0.80, 0.15, ClassServiceLevels.DEFAULT,
            XyzCutoffs.DEFAULT, 91, 0.1, 0.1);

    public ClassSettings {
        if (!(aShare > 0 && bShare >= 0 && aShare + bShare <= 1)) {
            throw new IllegalArgumentException("need 0 < aShare, 0 ≤ bShare, aShare + bShare ≤ 1; were " + aShare
                    + " and " + bShare);
        }
        if (!(xyz.xMaxCv() > 0 && xyz.xMaxCv() <= xyz.yMaxCv() && xyz.adiCutoff() >= 1)) {
            throw new IllegalArgumentException("need 0 < X max CV ≤ Y max CV and ADI cut-off ≥ 1; were " + xyz);
        }
        if (windowDays < 2) {
            throw new IllegalArgumentException("the class window needs at least 2 days, was " + windowDays);
        }
        if (!(tsbAlpha > 0 && tsbAlpha <= 1 && tsbBeta > 0 && tsbBeta <= 1)) {
            throw new IllegalArgumentException("TSB alpha and beta must be in (0, 1]; were " + tsbAlpha + " and "
                    + tsbBeta);
        }
    }
}
