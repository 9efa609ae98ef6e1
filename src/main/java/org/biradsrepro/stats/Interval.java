package org.biradsrepro.stats;

/** A closed interval; {@code NaN} bounds where it is undefined (fewer than two values). */
public record Interval(double low, double high) {

    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    public boolean isDefined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
