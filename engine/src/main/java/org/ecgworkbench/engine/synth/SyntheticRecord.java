package org.ecgworkbench.engine.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ecgworkbench.engine.record.Annotation;
import org.ecgworkbench.engine.record.AnnotationWriter;
import org.ecgworkbench.engine.record.Lead;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.WfdbWriter;

/**
 * A generated record: signals in mV, the exact R-peak sample indices from the model, and the reference
 * annotations (a '+' rhythm annotation at sample 0, then one N or V beat annotation per R peak).
 *
 * @param params      the parameters it was made from
 * @param leadNames   lead names, "II" and (for 2 leads) "V1"
 * @param signals     signals in mV, [lead][sample], sample i at i / fs seconds
 * @param rPeaks      R-peak sample indices, increasing
 * @param ventricular for each R peak, whether the beat is a PVC
 */
public record SyntheticRecord(SynthParams params, List<String> leadNames, double[][] signals, int[] rPeaks,
                              boolean[] ventricular) {

    /** ADC gain of the written record: 1000 adu per mV (1 microvolt steps), lowered only if a value would not fit. */
    public static final double GAIN = 1000;

    /** Sampling frequency, Hz. */
    public double fs() {
        return params.fs();
    }

    /** Samples per lead. */
    public int samples() {
        return signals[0].length;
    }

    /** RR intervals between consecutive R peaks, in seconds (from the sample indices). */
    public double[] rrSeconds() {
        double[] rr = new double[Math.max(0, rPeaks.length - 1)];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = (rPeaks[i + 1] - rPeaks[i]) / fs();
        }
        return rr;
    }

    /**
     * The reference annotations: '+' with the rhythm's aux text ("(N", "(AFIB" or "(NOISE") at sample 0, then "N"
     * for each normal (or AF-conducted) beat and "V" for each PVC at its R-peak sample.
     */
    public List<Annotation> annotations() {
        List<Annotation> out = new ArrayList<>();
        out.add(new Annotation(0, "+", 0, 0, 0, params.rhythm().aux()));
        for (int i = 0; i < rPeaks.length; i++) {
            out.add(new Annotation(rPeaks[i], ventricular[i] ? "V" : "N", 0, 0, 0, ""));
        }
        return out;
    }

    /** Header comments describing how the record was made. */
    public List<String> comments() {
        SynthParams p = params;
        NoiseLevels n = p.noise();
        List<String> c = new ArrayList<>();
        c.add("synthetic ECG, ECGSYN model (McSharry et al. 2003), ECG Workbench synth");
        c.add(String.format(Locale.ROOT, "rhythm %s (CinC 2017 label %s) seed %d hr %s bpm hr-std %s bpm lf-hf %s leads %d",
                p.rhythm().id(), p.rhythm().cincLabel(), p.seed(), num(p.heartRate()), num(p.heartRateStd()),
                num(p.lfHfRatio()), p.leads()));
        if (p.rhythm() == Rhythm.OTHER) {
            c.add("pvc-rate " + num(p.pvcRate()));
        }
        if (p.rhythm() == Rhythm.AF) {
            c.add("af-rr-cv " + num(p.afRrCv()) + " fwave-mv " + num(p.fWaveMv()) + " fwave-hz " + num(p.fWaveHz()));
        }
        c.add("noise-mv " + num(n.gaussianMv()) + " bw-mv " + num(n.baselineMv()) + " powerline-mv " + num(n.powerlineMv())
                + " powerline-hz " + num(n.powerlineHz()) + " emg-mv " + num(n.emgMv()) + " motion-mv " + num(n.motionMv())
                + " ecg-scale " + num(p.ecgScale()));
        return c;
    }

    /** The record, quantized to 16-bit ADC values at {@link #GAIN} adu/mV (baseline 0). */
    public Record toRecord(String name) {
        int leads = signals.length;
        List<Lead> leadList = new ArrayList<>();
        int[][] adc = new int[leads][];
        for (int l = 0; l < leads; l++) {
            double max = 0;
            for (double v : signals[l]) {
                max = Math.max(max, Math.abs(v));
            }
            double gain = max * GAIN <= 32767 ? GAIN : Math.floor(32767 / max);
            adc[l] = new int[signals[l].length];
            int sum = 0;
            for (int i = 0; i < adc[l].length; i++) {
                adc[l][i] = (int) Math.max(-32767, Math.min(32767, Math.round(signals[l][i] * gain)));
                sum += adc[l][i];
            }
            leadList.add(new Lead(leadNames.get(l), "mV", gain, 0, 0, 16, adc[l].length > 0 ? adc[l][0] : 0, (short) sum));
        }
        return Record.fromAdc(name, fs(), leadList, adc, null, null, comments(), List.of());
    }

    /** Writes NAME.hea, NAME.dat (WFDB format 16) and NAME.atr into dir; returns the header path. */
    public Path write(Path dir, String name) throws IOException {
        Path hea = WfdbWriter.write(toRecord(name), dir);
        String base = hea.getFileName().toString();
        base = base.substring(0, base.length() - ".hea".length());
        AnnotationWriter.write(annotations(), dir.resolve(base + ".atr"));
        return hea;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
