package org.ecgworkbench.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ecgworkbench.engine.dataset.Augmentation;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds one network batch from examples: the fixed-length signal window (cropped, or zero-padded at the end), the
 * extra signal channels (Pan-Tompkins stages, computed on the window in one batched call), the scaled fixed
 * features, the suggestions, and one-hot labels. Every channel of every window is standardised (zero mean, unit
 * standard deviation over the window) so that amplitudes from different devices and stages of very different
 * ranges (mV, (mV/s)^2) enter on one scale.
 */
public final class BatchAssembler {

    private final Items ds;
    private final Prototype p;
    private final NetworkBuilder.Layout layout;
    private final int[] labels;
    private final FeatureScaler scaler;
    private final int[] featureCols;
    private final Suggestions suggestions;
    private final int samples;
    private final boolean stages;
    /** The prototype's training augmentation, or null. */
    private final Augmentation augmentation;

    /**
     * An assembler for prototype p's inputs from items, with labels the prototype class of every item (null when
     * unknown: the label outputs are then all zero); scaler and suggestions are null when p takes no features or
     * suggestions.
     */
    public BatchAssembler(Items ds, int[] labels, Prototype p, NetworkBuilder.Layout layout, FeatureScaler scaler,
                          Suggestions suggestions) {
        this.ds = ds;
        this.p = p;
        this.layout = layout;
        this.labels = labels;
        this.scaler = scaler;
        this.featureCols = scaler == null ? new int[0] : FeatureScaler.columns(ds.featureNames(), scaler.names());
        this.suggestions = suggestions;
        this.samples = p.input().samples();
        this.stages = p.input().channels().stream().anyMatch(c -> !c.equals("raw"));
        this.augmentation = p.augmentation() == null ? null : new Augmentation(p.augmentation(), p.seed());
        if (Math.abs(ds.fs() - p.input().fs()) > 1e-9) {
            throw new IllegalArgumentException("recordings at " + ds.fs() + " Hz, the prototype's input"
                    + " is at " + p.input().fs() + " Hz (records are never resampled)");
        }
        if (!p.features().isEmpty() && scaler == null) {
            throw new IllegalArgumentException("the prototype takes features but no scaler was given");
        }
        if (p.suggestions() != null && suggestions == null) {
            throw new IllegalArgumentException("the prototype takes suggestions but none were read");
        }
    }

    /** Prototype class index of every item of a dataset. */
    public static int[] labels(Dataset ds, Prototype p) {
        int[] map = classMap(ds, p);
        int[] out = new int[ds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[ds.label(i)];
        }
        return out;
    }

    /** Prototype class index of each dataset class (by name); a dataset class the prototype lacks is an error. */
    public static int[] classMap(Dataset ds, Prototype p) {
        List<String> names = ds.classNames();
        int[] map = new int[names.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = p.classes().indexOf(names.get(c));
            if (map[c] < 0) {
                throw new IllegalArgumentException(ds.file() + ": class " + names.get(c) + " of the dataset is not"
                        + " among the prototype's classes " + p.classes());
            }
        }
        return map;
    }

    /** Prototype class of every item (null when unknown). */
    public int[] labels() {
        return labels;
    }

    /** Window length in samples. */
    public int samples() {
        return samples;
    }

    /** The examples' batch; random crops drawn from random. */
    public MultiDataSet assemble(List<Example> examples, Random random) {
        int b = examples.size();
        int c = p.inputChannels();
        List<double[]> windows = new ArrayList<>(b);
        for (Example e : examples) {
            windows.add(window(e, random));
        }
        List<QrsDetection> det = stages ? new PanTompkins(ds.fs()).detectAll(windows) : null;
        float[] x = new float[b * c * samples];
        for (int i = 0; i < b; i++) {
            for (int ch = 0; ch < c; ch++) {
                double[] src = channel(p.input().channels().get(ch), windows.get(i), det == null ? null : det.get(i));
                standardise(src, x, (i * c + ch) * samples);
            }
        }
        INDArray signal = layout == NetworkBuilder.Layout.CONV1D ? Nd4j.create(x, new long[] {b, c, samples}, 'c')
                : Nd4j.create(x, new long[] {b, c, 1, samples}, 'c');
        int k = p.classes().size();
        float[] y = new float[b * k];
        for (int i = 0; labels != null && i < b; i++) {
            y[i * k + labels[examples.get(i).item()]] = 1;
        }
        List<INDArray> inputs = new ArrayList<>();
        inputs.add(signal);
        if (!p.features().isEmpty()) {
            float[] f = new float[b * featureCols.length];
            for (int i = 0; i < b; i++) {
                System.arraycopy(scaler.apply(ds.features(examples.get(i).item()), featureCols), 0, f,
                        i * featureCols.length, featureCols.length);
            }
            inputs.add(Nd4j.create(f, new long[] {b, featureCols.length}, 'c'));
        }
        if (p.suggestions() != null) {
            float[] s = new float[b * k];
            for (int i = 0; i < b; i++) {
                int item = examples.get(i).item();
                System.arraycopy(suggestions.of(ds.name(item), ds.source(item)), 0, s, i * k, k);
            }
            inputs.add(Nd4j.create(s, new long[] {b, k}, 'c'));
        }
        return new MultiDataSet(inputs.toArray(new INDArray[0]),
                new INDArray[] {Nd4j.create(y, new long[] {b, k}, 'c')});
    }

    /**
     * The window of an example in mV: cropped at its offset, zero-padded at the end. A random crop (training) is taken
     * from the recording transformed by the prototype's augmentation, if any, with a copy number drawn from random.
     */
    double[] window(Example e, Random random) {
        float[] sig = ds.signal(e.item());
        int off = e.offset();
        if (off == Example.RANDOM) {
            if (augmentation != null && sig.length > 0) {
                sig = augmentation.apply(sig, ds.fs(), e.item(), 1 + random.nextInt(Integer.MAX_VALUE - 1));
            }
            off = sig.length > samples ? random.nextInt(sig.length - samples + 1) : 0;
        }
        double[] w = new double[samples];
        int n = Math.max(0, Math.min(samples, sig.length - off));
        for (int t = 0; t < n; t++) {
            w[t] = sig[off + t];
        }
        return w;
    }

    private static double[] channel(String name, double[] raw, QrsDetection d) {
        return switch (name) {
            case "raw" -> raw;
            case "bandpassed" -> d.bandpassed();
            case "derivative" -> d.derivative();
            case "squared" -> d.squared();
            case "integrated" -> d.integrated();
            default -> throw new IllegalArgumentException("unknown channel " + name);
        };
    }

    private static void standardise(double[] src, float[] dst, int at) {
        double s = 0;
        for (double v : src) {
            s += v;
        }
        double mean = s / src.length;
        double ss = 0;
        for (double v : src) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / src.length);
        double inv = sd > 1e-9 ? 1 / sd : 0;
        for (int t = 0; t < src.length; t++) {
            dst[at + t] = (float) ((src[t] - mean) * inv);
        }
    }
}
