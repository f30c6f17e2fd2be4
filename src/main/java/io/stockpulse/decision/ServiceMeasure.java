package io.stockpulse.decision;

/**
 * What the service-level target means (Silver, Pyke &amp; Thomas §6.3; Axsäter §5.3).
 * <ul>
 *   <li>{@link #CYCLE}: α, the probability of no stockout in a replenishment cycle.</li>
 *   <li>{@link #FILL_RATE}: β, the share of units demanded that are served from stock — what a planner
 *       and a customer feel. On lumpy demand the two differ a lot: a 0.95 cycle level can fill 80 %.</li>
 * </ul>
 */
public enum ServiceMeasure {
    CYCLE, FILL_RATE
}
