package org.ecgworkbench.engine.record;

/**
 * Calibration and description of one signal of a record, as on a WFDB header signal line.
 *
 * @param description  the signal description, usually the lead name such as "MLII"
 * @param units        physical units, such as "mV"
 * @param gain         ADC units (adu) per physical unit; NaN for a record that holds physical values only
 * @param baseline     the ADC value that corresponds to 0 physical units, in adu
 * @param adcZero      the ADC value at the middle of the ADC input range, in adu
 * @param adcResolution ADC resolution in bits
 * @param initialValue the first sample of the signal, in adu
 * @param checksum     16-bit sum of all samples of the signal, in adu, as signal(5) defines it
 */
public record Lead(String description, String units, double gain, int baseline, int adcZero,
                   int adcResolution, int initialValue, int checksum) {

    /** WFDB's gain for a signal whose header gives none or 0, in adu per mV. */
    public static final double DEFAULT_GAIN = 200;

    /** A lead holding physical values only, with no ADC calibration. */
    public static Lead physicalOnly(String description, String units) {
        return new Lead(description, units, Double.NaN, 0, 0, 0, 0, 0);
    }

    /** Whether this lead carries an ADC calibration (gain in adu per physical unit). */
    public boolean hasAdc() {
        return !Double.isNaN(gain);
    }

    /** The physical value, in {@link #units()}, of an ADC value in adu. */
    public double toPhysical(int adc) {
        return (adc - baseline) / gain;
    }
}
