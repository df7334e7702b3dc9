package org.ecgworkbench.engine.features;

import java.util.ArrayList;
import java.util.List;

import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.record.Record;

/**
 * The fixed representation of a record: one vector of the values named by {@link #NAMES}, in that order.
 *
 * <table>
 *   <caption>Record features</caption>
 *   <tr><th>name</th><th>unit</th><th>definition</th></tr>
 *   <tr><td>fs_hz</td><td>Hz</td><td>sampling frequency</td></tr>
 *   <tr><td>duration_s</td><td>s</td><td>samples / fs</td></tr>
 *   <tr><td>beats</td><td>count</td><td>R peaks found by Pan-Tompkins on the detection channel</td></tr>
 *   <tr><td>mean_rr_s, sdnn_s, rmssd_s, pnn50, cv_rr, median_hr_bpm, sampen_rr, cosen</td><td></td>
 *       <td>see {@link RrFeatures}</td></tr>
 *   <tr><td>ecg_power_mv2</td><td>mV^2</td><td>Welch power of the channel in [0.5, 40) Hz</td></tr>
 *   <tr><td>ecg_rel_power_0_5_5hz, ecg_rel_power_5_15hz, ecg_rel_power_15_40hz</td><td>fraction</td>
 *       <td>power in [0.5, 5), [5, 15), [15, 40) Hz over ecg_power_mv2</td></tr>
 *   <tr><td>ecg_dominant_hz</td><td>Hz</td><td>frequency of the largest PSD bin in [0.5, 40) Hz</td></tr>
 *   <tr><td>hrv_lf_s2, hrv_hf_s2</td><td>s^2</td><td>tachogram power in [0.04, 0.15) and [0.15, 0.40) Hz</td></tr>
 *   <tr><td>hrv_lf_hf</td><td>1</td><td>hrv_lf_s2 / hrv_hf_s2</td></tr>
 *   <tr><td>sqi_plausible_rr</td><td>fraction</td><td>{@link SignalQuality#plausibleRrShare}</td></tr>
 *   <tr><td>sqi_lead_agreement</td><td>fraction</td><td>{@link SignalQuality#agreement} of the detections on
 *       the detection channel and on the next channel; NaN for one-lead records</td></tr>
 * </table>
 */
public final class RecordFeatures {

    /** Feature names, in vector order (the CSV header of the features command, after "record"). */
    public static final List<String> NAMES = List.of(
            "fs_hz", "duration_s", "beats",
            "mean_rr_s", "sdnn_s", "rmssd_s", "pnn50", "cv_rr", "median_hr_bpm", "sampen_rr", "cosen",
            "ecg_power_mv2", "ecg_rel_power_0_5_5hz", "ecg_rel_power_5_15hz", "ecg_rel_power_15_40hz",
            "ecg_dominant_hz",
            "hrv_lf_s2", "hrv_hf_s2", "hrv_lf_hf",
            "sqi_plausible_rr", "sqi_lead_agreement");

    private RecordFeatures() {
    }

    /**
     * The features of one channel (mV at fs Hz) given its detection and, optionally (null), the detection on a
     * second channel of the same record for the lead-agreement index.
     */
    public static double[] of(double[] ecg, double fs, QrsDetection detection, QrsDetection second) {
        double[] rr = detection.rrSeconds();
        WelchPsd ecgPsd = SpectralFeatures.ecgPsd(ecg, fs);
        double total = ecgPsd.bandPower(0.5, 40);
        WelchPsd hrv = SpectralFeatures.tachogramPsd(detection.rPeakSeconds());
        double lf = hrv == null ? Double.NaN : hrv.bandPower(0.04, 0.15);
        double hf = hrv == null ? Double.NaN : hrv.bandPower(0.15, 0.40);
        double agreement = second == null ? Double.NaN
                : SignalQuality.agreement(longs(detection.rPeaks()), longs(second.rPeaks()), fs);
        return new double[] {
            fs, ecg.length / fs, detection.rPeaks().length,
            RrFeatures.meanRr(rr), RrFeatures.sdnn(rr), RrFeatures.rmssd(rr), RrFeatures.pnn50(rr),
            RrFeatures.cv(rr), RrFeatures.medianHeartRate(rr), RrFeatures.sampleEntropy(rr), RrFeatures.cosen(rr),
            total, ecgPsd.bandPower(0.5, 5) / total, ecgPsd.bandPower(5, 15) / total,
            ecgPsd.bandPower(15, 40) / total, ecgPsd.dominantFrequency(0.5, 40),
            lf, hf, lf / hf,
            SignalQuality.plausibleRrShare(rr), agreement,
        };
    }

    /**
     * The features of many records, detection on the given channel (and the next channel, when the record has
     * one, for lead agreement); detections run batched by sampling frequency.
     */
    public static List<double[]> of(List<Record> records, int channel) {
        int[] leads = new int[records.size()];
        java.util.Arrays.fill(leads, channel);
        return of(records, leads);
    }

    /** As {@link #of(List, int)}, with each record's own lead (leads[i] for records[i]). */
    public static List<double[]> of(List<Record> records, int[] leads) {
        List<QrsDetection> main = PanTompkins.detect(records, leads);
        List<Record> twoLead = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).leadCount() > 1) {
                twoLead.add(records.get(i));
                others.add(leads[i] == 0 ? 1 : 0);
            }
        }
        List<QrsDetection> second = twoLead.isEmpty() ? List.of()
                : PanTompkins.detect(twoLead, others.stream().mapToInt(Integer::intValue).toArray());
        List<double[]> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            QrsDetection s = r.leadCount() > 1 ? second.get(k++) : null;
            out.add(of(r.physical(leads[i]), r.samplingFrequency(), main.get(i), s));
        }
        return out;
    }

    private static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
