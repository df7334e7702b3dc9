package org.ecgworkbench.engine.qrs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.FilterPath;
import org.ecgworkbench.engine.filter.Filtfilt;
import org.ecgworkbench.engine.filter.PadType;
import org.ecgworkbench.engine.filter.TransferFunction;
import org.ecgworkbench.engine.record.Record;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Pan-Tompkins QRS detector (Pan and Tompkins, IEEE TBME 32(3), 1985) with the modifications of
 * Sedghamiz's widely used pan_tompkin.m, at any sampling frequency and without resampling.
 *
 * <p>Stages: 5-15 Hz Butterworth band-pass (order 3, zero phase through the engine's filtfilt), five-point
 * derivative, squaring, 150 ms moving-window integration, fiducial marks (peaks of the integrated signal at
 * least 200 ms apart, the refractory period), then one pass over the marks with adaptive dual thresholds:
 * signal and noise levels SPK/NPK on the integrated signal and on the absolute band-passed signal, each
 * threshold NPK + 0.25 (SPK - NPK); both thresholds halved after an RR interval longer than 116 % of RR
 * AVERAGE2; search-back for the largest mark above the noise threshold (half the signal threshold) when no
 * QRS came within 166 % of RR AVERAGE2; a mark within 360 ms of the last QRS whose slope is under half that
 * QRS's is a T wave. The R peak is the largest absolute band-passed value in the 150 ms before the
 * mark (the integrator is causal, so the QRS lies in its window).
 *
 * <p>Where this departs from pan_tompkin.m, and why:
 * <ul>
 *   <li>The derivative is the paper's five-point kernel (1/8T)(-x[n-2] - 2x[n-1] + 2x[n+1] + x[n+2]) applied
 *       once at the native rate; pan_tompkin.m stretches it by interpolation and applies it forward and
 *       backward, which makes it a second difference. The kernel's taps scale with 1/T, so thresholds adapt
 *       the same way at every rate.</li>
 *   <li>The band-pass check uses |band-passed|, so QRS complexes of negative polarity (ventricular beats,
 *       inverted leads) pass it as positive ones do.</li>
 *   <li>Search-back picks the largest fiducial mark in the interval rather than the largest integrated
 *       sample, which could sit on the tail of the previous QRS.</li>
 *   <li>SPK and NPK are medians of the last eight peaks (Hamilton and Tompkins 1986), not running averages;
 *       see {@link Levels}. The learning phase (the first 2 s) seeds the signal peaks with the largest value of
 *       each of its seconds, the signal peaks the paper's learning phase finds, where pan_tompkin.m sets SPK to
 *       a third of the largest value: with all eight signal peaks at a third of the QRS peaks, the first
 *       thresholds lie near a twelfth of them until four QRS complexes have come, low enough to take tall P
 *       waves as QRS complexes, and every P wave taken keeps the signal level down.</li>
 *   <li>RR AVERAGE2 is the paper's (mean of the last eight intervals within 92-116 % of itself), which
 *       pan_tompkin.m simplifies; thresholds are halved only after long intervals (see RrAverages).</li>
 *   <li>The T-wave slope is pan_tompkin.m's: the rise of the integrated signal over the 75 ms before the mark.</li>
 *   <li>Signals are not normalised: thresholds are adaptive and the stages keep physical units.</li>
 * </ul>
 *
 * <p>The thresholding pass is O(number of marks) after O(n) filtering stages, all in plain Java arrays:
 * only the band-pass runs in ND4J, once per batch.
 */
public final class PanTompkins {

    /** Band-pass edges in Hz and Butterworth order (as pan_tompkin.m). */
    public static final double LOW_HZ = 5.0;
    /** Upper band-pass edge in Hz. */
    public static final double HIGH_HZ = 15.0;
    /** Butterworth prototype order (the band-pass has twice this order). */
    public static final int ORDER = 3;

    private static final double WINDOW_S = 0.150;
    private static final double REFRACTORY_S = 0.200;
    private static final double T_WAVE_S = 0.360;
    private static final double TRAINING_S = 2.0;
    private static final double SLOPE_S = 0.075;
    private static final double SEARCH_BACK_RR = 1.66;

    private final double fs;
    private final TransferFunction bandpass;
    private final int window;
    private final int refractory;
    private final int tWave;
    private final int slopeSpan;

    /** A detector for signals sampled at fs Hz (above 30 Hz, so that the 15 Hz band edge is below Nyquist). */
    public PanTompkins(double fs) {
        if (!(fs > 2 * HIGH_HZ) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("Pan-Tompkins needs a sampling frequency above " + 2 * HIGH_HZ
                    + " Hz (its band-pass reaches " + HIGH_HZ + " Hz), got " + fs);
        }
        this.fs = fs;
        this.bandpass = Butter.ba(ORDER, new double[] {LOW_HZ, HIGH_HZ}, BandType.BANDPASS, fs);
        this.window = Math.max(1, (int) Math.round(WINDOW_S * fs));
        this.refractory = Math.max(1, (int) Math.round(REFRACTORY_S * fs));
        this.tWave = (int) Math.round(T_WAVE_S * fs);
        this.slopeSpan = Math.max(1, (int) Math.round(SLOPE_S * fs));
    }

    /** Sampling frequency in Hz this detector works at. */
    public double samplingFrequency() {
        return fs;
    }

    /** The band-pass filter (b, a) used, designed for this sampling frequency. */
    public TransferFunction bandpassFilter() {
        return bandpass;
    }

    /** Minimum signal length in samples: filtfilt's padding needs more than 3·ntaps samples. */
    public int minimumSamples() {
        return 3 * bandpass.ntaps() + 1;
    }

    /** Detects the QRS complexes of one signal (in mV, sampled at this detector's rate). */
    public QrsDetection detect(double[] ecg) {
        return detectAll(List.of(ecg)).get(0);
    }

    /**
     * Detects the QRS complexes of many signals of any lengths at this rate: the band-pass of the whole batch
     * is one filtfilt call over ragged rows, the rest runs per signal on all cores.
     */
    public List<QrsDetection> detectAll(List<double[]> ecgs) {
        double[][] bp = bandpassAll(ecgs);
        return IntStream.range(0, bp.length).parallel().mapToObj(i -> stages(bp[i])).toList();
    }

    /**
     * Detects the QRS complexes in one lead of each record; records are batched by sampling frequency, one
     * band-pass call per frequency, and the results come back in the order of the records.
     */
    public static List<QrsDetection> detect(List<Record> records, int lead) {
        int[] leads = new int[records.size()];
        Arrays.fill(leads, lead);
        return detect(records, leads);
    }

    /**
     * The lead to detect on when none is named: the one named MLII, the lead the detector was designed and is
     * usually evaluated on (MIT-BIH records put it first in 45 of 48 records, V5 first in 102, 104 and 114),
     * else lead 0.
     */
    public static int defaultLead(Record record) {
        int i = record.leadNames().indexOf("MLII");
        return i >= 0 ? i : 0;
    }

    /** As {@link #detect(List, int)}, with each record's own lead (leads[i] for records[i]). */
    public static List<QrsDetection> detect(List<Record> records, int[] leads) {
        if (leads.length != records.size()) {
            throw new IllegalArgumentException(leads.length + " leads for " + records.size() + " records");
        }
        Map<Double, List<Integer>> byRate = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            int lead = leads[i];
            if (lead < 0 || lead >= r.leadCount()) {
                throw new IllegalArgumentException("record " + r.name() + " has no channel " + lead + " (it has "
                        + r.leadCount() + ")");
            }
            byRate.computeIfAbsent(r.samplingFrequency(), k -> new ArrayList<>()).add(i);
        }
        QrsDetection[] out = new QrsDetection[records.size()];
        for (Map.Entry<Double, List<Integer>> e : byRate.entrySet()) {
            List<double[]> signals = e.getValue().stream().map(i -> records.get(i).physical(leads[i])).toList();
            List<QrsDetection> found;
            try {
                found = new PanTompkins(e.getKey()).detectAll(signals);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("records " + e.getValue().stream().map(i -> records.get(i).name())
                        .toList() + ": " + ex.getMessage(), ex);
            }
            for (int k = 0; k < found.size(); k++) {
                out[e.getValue().get(k)] = found.get(k);
            }
        }
        return Arrays.asList(out);
    }

    /** The 5-15 Hz zero-phase band-passed signals, in mV: one Filtfilt.run call over the ragged batch. */
    public double[][] bandpassAll(List<double[]> ecgs) {
        int rows = ecgs.size();
        if (rows == 0) {
            return new double[0][];
        }
        int[] lengths = new int[rows];
        int stride = 0;
        for (int r = 0; r < rows; r++) {
            lengths[r] = ecgs.get(r).length;
            if (lengths[r] < minimumSamples()) {
                throw new IllegalArgumentException("signal " + r + " has " + lengths[r] + " samples; Pan-Tompkins at "
                        + fs + " Hz needs at least " + minimumSamples());
            }
            stride = Math.max(stride, lengths[r]);
        }
        if ((long) rows * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch of " + rows + " x " + stride + " samples is too large for one call");
        }
        double[] flat = new double[rows * stride];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ecgs.get(r), 0, flat, r * stride, lengths[r]);
        }
        INDArray x = Nd4j.create(flat, new long[] {rows, stride}, DataType.DOUBLE);
        INDArray y = Filtfilt.run(bandpass, x, lengths, PadType.ODD, null, FilterPath.AUTO);
        double[] all = y.data().asDouble();
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(all, r * stride, r * stride + lengths[r]);
        }
        return out;
    }

    /** Every stage after the band-pass, and the decision pass, for one band-passed signal (mV). */
    QrsDetection stages(double[] bp) {
        int n = bp.length;
        double[] d = derivative(bp);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            sq[i] = d[i] * d[i];
        }
        double[] mwi = integrate(sq, window);
        int[] marks = fiducialMarks(mwi, refractory);
        return decide(bp, d, sq, mwi, marks);
    }

    /** Five-point derivative (1/8T)(-x[n-2] - 2x[n-1] + 2x[n+1] + x[n+2]) in mV/s; 0 at the two samples of each end. */
    double[] derivative(double[] x) {
        int n = x.length;
        double[] d = new double[n];
        double k = fs / 8.0;
        for (int i = 2; i < n - 2; i++) {
            d[i] = k * (2 * (x[i + 1] - x[i - 1]) + x[i + 2] - x[i - 2]);
        }
        return d;
    }

    /** Causal moving average over w samples (fewer at the start), as pan_tompkin.m's conv truncated to n. */
    static double[] integrate(double[] x, int w) {
        double[] y = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= w) {
                sum -= x[i - w];
            }
            y[i] = sum / w;
        }
        return y;
    }

    /**
     * Local maxima at least minDistance samples apart, larger ones first, as MATLAB's findpeaks with
     * MinPeakDistance (a plateau counts at its first sample).
     */
    static int[] fiducialMarks(double[] x, int minDistance) {
        int n = x.length;
        int[] peaks = new int[Math.max(0, n / 2 + 1)];
        int count = 0;
        for (int i = 1; i < n - 1; i++) {
            if (x[i] > x[i - 1]) {
                int j = i;
                while (j + 1 < n - 1 && x[j + 1] == x[i]) {
                    j++;
                }
                if (x[j + 1] < x[i]) {
                    peaks[count++] = i;
                }
                i = j;
            }
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        final int[] p = peaks;
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(x[p[b]], x[p[a]]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] removed = new boolean[count];
        for (int k : order) {
            if (removed[k]) {
                continue;
            }
            for (int j = k - 1; j >= 0 && p[k] - p[j] < minDistance; j--) {
                removed[j] = true;
            }
            for (int j = k + 1; j < count && p[j] - p[k] < minDistance; j++) {
                removed[j] = true;
            }
        }
        int[] kept = new int[count];
        int m = 0;
        for (int k = 0; k < count; k++) {
            if (!removed[k]) {
                kept[m++] = p[k];
            }
        }
        return Arrays.copyOf(kept, m);
    }

    /** The adaptive dual-threshold pass over the fiducial marks. */
    private QrsDetection decide(double[] bp, double[] d, double[] sq, double[] mwi, int[] marks) {
        int n = bp.length;
        int train = Math.min(n, (int) Math.round(TRAINING_S * fs));
        double sumI = 0;
        double sumF = 0;
        for (int i = 0; i < train; i++) {
            sumI += mwi[i];
            sumF += Math.abs(bp[i]);
        }
        Levels integ = new Levels(learningPeaks(mwi, train, false), sumI / train / 2);
        Levels filt = new Levels(learningPeaks(bp, train, true), sumF / train / 2);

        int[] qrs = new int[marks.length];         // QRS marks on the integrated signal
        double[] qrsSlope = new double[marks.length];
        int beats = 0;
        int[] r = new int[marks.length];           // R peaks passing both thresholds
        int rCount = 0;
        int[] noise = new int[marks.length];
        int noiseCount = 0;
        int[] thrAt = new int[marks.length + 1];
        double[] thrI = new double[marks.length + 1];
        double[] thrF = new double[marks.length + 1];
        thrI[0] = integ.threshold;
        thrF[0] = filt.threshold;
        RrAverages rr = new RrAverages();

        for (int i = 0; i < marks.length; i++) {
            int loc = marks[i];
            double pk = mwi[loc];
            int xi = argMaxAbs(bp, loc - window, loc);
            double yi = Math.abs(bp[xi]);

            double thrSig = integ.threshold;
            double thrSig1 = filt.threshold;
            double testRr = rr.average2();
            if (rr.irregular()) {
                // Irregular rhythm: halve the thresholds for this decision, as the paper does.
                thrSig *= 0.5;
                thrSig1 *= 0.5;
            }

            if (testRr > 0 && loc - qrs[beats - 1] >= Math.round(SEARCH_BACK_RR * testRr)) {
                // No QRS within 166 % of the average RR: take the largest mark in between above the noise threshold.
                int from = qrs[beats - 1] + refractory;
                int to = loc - refractory;
                int best = -1;
                for (int j = i - 1; j >= 0 && marks[j] >= from; j--) {
                    if (marks[j] <= to && (best < 0 || mwi[marks[j]] > mwi[marks[best]])) {
                        best = j;
                    }
                }
                if (best >= 0 && mwi[marks[best]] > integ.noiseThreshold()) {
                    int sl = marks[best];
                    int xs = argMaxAbs(bp, sl - window, sl);
                    double ys = Math.abs(bp[xs]);
                    qrsSlope[beats] = slope(mwi, sl);
                    qrs[beats++] = sl;
                    rr.add(sl);
                    if (ys > filt.noiseThreshold()) {
                        rCount = addR(r, rCount, xs, bp);
                        filt.signal(ys);
                    }
                    integ.signal(mwi[sl]);
                    noiseCount = removeNoise(noise, noiseCount, sl);
                }
            }

            if (pk >= thrSig) {
                double slope = slope(mwi, loc);
                if (beats >= 3 && loc - qrs[beats - 1] <= tWave && slope <= 0.5 * qrsSlope[beats - 1]) {
                    // A T wave: within 360 ms of the last QRS and less than half as steep.
                    noise[noiseCount++] = loc;
                    filt.noise(yi);
                    integ.noise(pk);
                } else {
                    qrsSlope[beats] = slope;
                    qrs[beats++] = loc;
                    rr.add(loc);
                    if (yi >= thrSig1) {
                        rCount = addR(r, rCount, xi, bp);
                        filt.signal(yi);
                    }
                    integ.signal(pk);
                }
            } else {
                noise[noiseCount++] = loc;
                filt.noise(yi);
                integ.noise(pk);
            }
            integ.update();
            filt.update();
            thrAt[i + 1] = loc;
            thrI[i + 1] = integ.threshold;
            thrF[i + 1] = filt.threshold;
        }
        return new QrsDetection(fs, Arrays.copyOf(r, rCount), bp, d, sq, mwi, marks, thrAt, thrI, thrF,
                Arrays.copyOf(noise, noiseCount));
    }

    /** Appends an R peak, keeping the list ascending and at least one refractory period apart (the larger wins). */
    private int addR(int[] r, int count, int at, double[] bp) {
        if (count > 0 && at - r[count - 1] < refractory) {
            // Two marks' windows can refine onto the same complex; keep one R per complex.
            if (Math.abs(bp[at]) > Math.abs(bp[r[count - 1]])) {
                r[count - 1] = at;
            }
            return count;
        }
        r[count] = at;
        return count + 1;
    }

    /** Drops a mark found by search-back from the noise list, where the pass had first put it. */
    private static int removeNoise(int[] noise, int count, int mark) {
        for (int k = count - 1; k >= 0; k--) {
            if (noise[k] == mark) {
                System.arraycopy(noise, k + 1, noise, k, count - k - 1);
                return count - 1;
            }
            if (noise[k] < mark) {
                break;
            }
        }
        return count;
    }

    /** Mean slope of the integrated signal over the 75 ms before a mark, per sample (pan_tompkin.m's T-wave test). */
    private double slope(double[] mwi, int loc) {
        int from = Math.max(0, loc - slopeSpan);
        return loc > from ? Math.abs(mwi[loc] - mwi[from]) / (loc - from) : 0;
    }

    /**
     * The signal peaks of the learning phase: the largest value (of |x| if absolute) in each of its whole seconds,
     * each long enough to hold a QRS complex (one value over all of it when it is shorter than a second).
     */
    private double[] learningPeaks(double[] x, int train, boolean absolute) {
        int second = Math.max(1, Math.min(train, (int) Math.round(fs)));
        int count = Math.max(1, train / second);
        double[] peaks = new double[count];
        for (int i = 0; i < count * second && i < x.length; i++) {
            peaks[i / second] = Math.max(peaks[i / second], absolute ? Math.abs(x[i]) : x[i]);
        }
        return peaks;
    }

    private static int argMaxAbs(double[] x, int from, int to) {
        int lo = Math.max(0, from);
        int best = lo;
        for (int i = lo + 1; i <= to && i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The paper's two RR averages, in samples: RR AVERAGE1 over the last eight RR intervals, and RR AVERAGE2
     * over the last eight that lay within 92-116 % of RR AVERAGE2. Search-back uses the second, so missed
     * beats (long intervals) do not stretch the interval after which it looks back.
     */
    private static final class RrAverages {
        private final int[] recent = new int[8];
        private final int[] regular = new int[8];
        private int recentCount;
        private int regularCount;
        private int irregularRun;
        private int last = -1;
        private int lastInterval;

        void add(int qrs) {
            if (last >= 0) {
                int interval = qrs - last;
                recent[recentCount++ % 8] = interval;
                if (recentCount >= 8) {
                    double avg2 = regularCount >= 8 ? mean(regular, 8) : average1();
                    if (interval >= 0.92 * avg2 && interval <= 1.16 * avg2) {
                        regular[regularCount++ % 8] = interval;
                        irregularRun = 0;
                    } else if (++irregularRun >= 8) {
                        // Eight irregular intervals in a row: the rhythm has changed; start RR AVERAGE2 afresh.
                        System.arraycopy(recent, 0, regular, 0, 8);
                        regularCount = 8;
                        irregularRun = 0;
                    }
                }
                lastInterval = interval;
            }
            last = qrs;
        }

        /** RR AVERAGE1, or 0 before eight intervals. */
        double average1() {
            return recentCount >= 8 ? mean(recent, 8) : 0;
        }

        /** RR AVERAGE2 (RR AVERAGE1 until eight regular intervals), or 0 before eight intervals. */
        double average2() {
            return regularCount >= 8 ? mean(regular, 8) : average1();
        }

        /**
         * Whether the latest RR interval is longer than 116 % of RR AVERAGE2. The paper also lowers the thresholds
         * after a short interval (under 92 %); but after an early beat the next candidate is as often a P wave as a
         * QRS, and halved thresholds then accept the P wave, which shortens the next interval again.
         */
        boolean irregular() {
            double avg2 = average2();
            return avg2 > 0 && lastInterval > 1.16 * avg2;
        }

        private static double mean(int[] v, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return s / n;
        }
    }

    /**
     * Signal and noise peak levels of one signal and the threshold NPK + 0.25 (SPK - NPK) between them.
     * The levels are medians of the last eight signal and noise peaks rather than the paper's running
     * averages (0.125 peak + 0.875 level): Hamilton and Tompkins (IEEE TBME 33(12), 1986) found median
     * estimates as good or better, and a median is not pulled up by one large ectopic beat, after which a
     * running average hides the smaller normal beats for several seconds, nor pulled down by a few accepted
     * P waves.
     */
    private static final class Levels {
        private final double[] signals = new double[8];
        private final double[] noises = new double[8];
        private int s;
        private int n;
        double signal;
        double noise;
        double threshold;

        /** Levels seeded with the learning phase's signal peaks (repeated to fill eight) and a noise level. */
        Levels(double[] signalPeaks, double noiseLevel) {
            for (int k = 0; k < signals.length; k++) {
                signals[k] = signalPeaks[k % signalPeaks.length];
            }
            java.util.Arrays.fill(noises, noiseLevel);
            this.signal = median(signals);
            this.noise = noiseLevel;
            update();
        }

        void signal(double peak) {
            signals[s++ % 8] = peak;
            signal = median(signals);
        }

        void noise(double peak) {
            noises[n++ % 8] = peak;
            noise = median(noises);
        }

        double noiseThreshold() {
            return 0.5 * threshold;
        }

        void update() {
            threshold = noise + 0.25 * Math.abs(signal - noise);
        }

        private static double median(double[] v) {
            double[] c = v.clone();
            java.util.Arrays.sort(c);
            return 0.5 * (c[3] + c[4]);
        }
    }
}
