package org.ecgworkbench.engine.record;

import java.util.ArrayList;
import java.util.List;

/** Turns physical values into 16-bit ADC values, for records (such as CSV ones) that have none. */
public final class Quantizer {

    /** Preferred gain: 1000 adu per mV, i.e. 1 microvolt resolution. */
    public static final double PREFERRED_GAIN = 1000;
    /** Largest magnitude stored; -32768 is WFDB's invalid-sample value in format 16. */
    private static final int MAX_ADU = 32767;

    private Quantizer() {
    }

    /**
     * The record with ADC values: per lead the gain is 1000 adu/unit, or less when the largest value would
     * not fit in 16 bits; baseline 0. A warning and a header comment state the quantization.
     */
    public static Record quantize(Record r) {
        if (r.hasAdc()) {
            return r;
        }
        List<Lead> leads = new ArrayList<>();
        int[][] adc = new int[r.leadCount()][];
        List<String> comments = new ArrayList<>(r.comments());
        List<String> warnings = new ArrayList<>(r.warnings());
        for (int i = 0; i < r.leadCount(); i++) {
            double[] x = r.physicalView(i);
            double max = 0;
            for (double v : x) {
                max = Math.max(max, Math.abs(v));
            }
            double gain = gainFor(max);
            adc[i] = new int[x.length];
            for (int s = 0; s < x.length; s++) {
                adc[i][s] = (int) Math.max(-MAX_ADU, Math.min(MAX_ADU, Math.round(x[s] * gain)));
            }
            Lead l = r.leads().get(i);
            leads.add(new Lead(l.description(), l.units(), gain, 0, 0, 16, x.length > 0 ? adc[i][0] : 0,
                    RecordAssembler.checksum(adc[i])));
            String note = "quantized from physical values: signal " + i + " (" + l.description() + ") at "
                    + gain + " adu/" + l.units();
            comments.add(note);
            warnings.add(note);
        }
        return Record.fromAdc(r.name(), r.samplingFrequency(), leads, adc, r.baseTime(), r.baseDate(), comments, warnings);
    }

    /** The gain, in adu per unit, for a signal whose largest magnitude is max units. */
    static double gainFor(double max) {
        if (max * PREFERRED_GAIN <= MAX_ADU) {
            return PREFERRED_GAIN;
        }
        double g = MAX_ADU / max;
        return g >= 1 ? Math.floor(g) : g;
    }
}
