package dev.melt.generator;

/**
 * How far from the noise injected incidents stand: one knob that scales every incident's
 * intensity, so a detector can be tested close to its limit.
 */
public enum Difficulty {
    /** Incidents are stronger than configured: easy to see. */
    LOUD(1.5),
    /** Incidents have the configured intensity. */
    NORMAL(1.0),
    /** Incidents are weaker than configured: close to the noise and the benign look-alikes. */
    SUBTLE(0.5);

    private final double scale;

    Difficulty(double scale) {
        this.scale = scale;
    }

    /**
     * Returns the factor applied to how far an incident moves a signal from its baseline.
     *
     * @return the factor, 1.0 for {@link #NORMAL}
     */
    public double scale() {
        return scale;
    }
}
