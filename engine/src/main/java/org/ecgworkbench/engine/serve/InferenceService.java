package org.ecgworkbench.engine.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.train.Inference;

/**
 * A model kept resident: loaded once, classifying one recording at a time from any number of threads, and replaced
 * by another without dropping a request.
 *
 * <p>Every call reads the current model once, at its start, and uses that model to the end; a reload loads the new
 * model on a background thread and then swaps it in with one atomic reference write. So requests in flight during a
 * reload finish on the old model, requests after it get the new one, and none waits for the load or fails because of
 * it (the old model is left to the garbage collector once its last request is answered).
 *
 * <p>Input is checked before the model sees it: the model takes the sampling frequency it was trained at and never
 * resamples, so another rate is refused, as are empty signals, NaN or infinite samples, and signals too short for QRS
 * detection. Those refusals are {@link InvalidInputException}s with the reason.
 */
public final class InferenceService implements AutoCloseable {

    /** Default number of network copies: 1, inference serialised by the pool (see ServeCommand for the measurement). */
    public static final int DEFAULT_COPIES = 1;

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final ClassifierLoader loader;
    private final ExecutorService reloader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicReference<String> lastReloadError = new AtomicReference<>();
    private final AtomicLong classified = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final long started = System.nanoTime();

    /** The classifier with the QRS detector for its rate (built once per model, not per request). */
    private record Loaded(Classifier classifier, PanTompkins detector) {
        static Loaded of(Classifier c) {
            return new Loaded(c, new PanTompkins(c.card().fs()));
        }
    }

    /** A service answering with initial, reloading through loader. */
    public InferenceService(Classifier initial, ClassifierLoader loader) {
        this.current.set(Loaded.of(initial));
        this.loader = loader;
    }

    /** Loads a run's model with copies network copies (1: inference serialised; see {@link NetworkPool}). */
    public static InferenceService load(Path runDir, int copies) throws IOException {
        return load(runDir, copies, InferenceEngine.AUTO);
    }

    /** Loads a run's model with copies network copies run by engine (see {@link ModelClassifier#load}). */
    public static InferenceService load(Path runDir, int copies, InferenceEngine engine) throws IOException {
        ClassifierLoader loader = dir -> ModelClassifier.load(dir, copies, engine);
        return new InferenceService(loader.load(runDir), loader);
    }

    /** The model answering now. */
    public ModelCard model() {
        return current.get().classifier().card();
    }

    /**
     * Classifies a recording: the model's lead (lead 0 when the recording lacks it) at the model's rate, its R peaks
     * and mean heart rate; latency is the time spent here, in ms.
     */
    public Classification classify(Record record) throws InvalidInputException {
        return classify(record, true);
    }

    /** As {@link #classify(Record)}; counted: whether the call counts in {@link #health()} (warm-up calls do not). */
    private Classification classify(Record record, boolean counted) throws InvalidInputException {
        long start = System.nanoTime();
        Loaded m = current.get();
        ModelCard card = m.classifier().card();
        LeadSignal signal;
        double[] p;
        try {
            signal = check(record, card, m.detector());
            p = m.classifier().probabilities(signal);
        } catch (InvalidInputException e) {
            count(refused, counted);
            throw e;
        } catch (IllegalArgumentException e) {
            // the model's own refusal of this input (e.g. no suggestion for the record's name)
            count(refused, counted);
            throw new InvalidInputException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            count(failed, counted);
            throw e;
        }
        count(classified, counted);
        int[] peaks = signal.detection().rPeaks();
        return new Classification(card.classes().get(Inference.argmax(p)), card.classes(), p, peaks,
                heartRate(peaks, card.fs()), (System.nanoTime() - start) / 1e6, card.id());
    }

    /** Classifies one lead of samples in mV sampled at fs Hz (see {@link #classify(Record)}). */
    public Classification classify(float[] mV, double fs) throws InvalidInputException {
        double[] x = new double[mV.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = mV[t];
        }
        return classify(record("signal", fs, new double[][] {x}));
    }

    /**
     * A recording from samples [lead][sample] at fs Hz; a wrong rate, ragged leads or no leads are refused here, as
     * the service would refuse them.
     */
    public static Record record(String name, double fs, double[][] mV) throws InvalidInputException {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new InvalidInputException("fs must be a positive number of Hz, got " + fs);
        }
        if (mV.length == 0) {
            throw new InvalidInputException("empty signal: no leads");
        }
        for (int l = 1; l < mV.length; l++) {
            if (mV[l].length != mV[0].length) {
                throw new InvalidInputException("lead " + l + " has " + mV[l].length + " samples, lead 0 has "
                        + mV[0].length + " (all leads need the same length)");
            }
        }
        List<String> names = new java.util.ArrayList<>();
        for (int l = 0; l < mV.length; l++) {
            names.add("lead " + l);
        }
        return Record.fromPhysical(name, fs, names, java.util.Collections.nCopies(mV.length, "mV"), mV, List.of(),
                List.of());
    }

    private static void count(AtomicLong counter, boolean counted) {
        if (counted) {
            counter.incrementAndGet();
        }
    }

    private static LeadSignal check(Record r, ModelCard card, PanTompkins detector) throws InvalidInputException {
        if (r.leadCount() == 0 || r.samples() == 0) {
            throw new InvalidInputException("empty signal: no samples");
        }
        if (Math.abs(r.samplingFrequency() - card.fs()) > 1e-9) {
            throw new InvalidInputException("sampled at " + number(r.samplingFrequency()) + " Hz, but model "
                    + card.id() + " takes " + number(card.fs()) + " Hz: a model takes the rate it was trained at and"
                    + " never resamples; send the recording at " + number(card.fs()) + " Hz");
        }
        double[][] all = r.physical();
        for (int l = 0; l < all.length; l++) {
            for (int t = 0; t < all[l].length; t++) {
                if (!Double.isFinite(all[l][t])) {
                    throw new InvalidInputException("lead " + l + " sample " + t + " is " + all[l][t]
                            + "; every sample must be a finite number of mV");
                }
            }
        }
        int min = detector.minimumSamples();
        if (r.samples() < min) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "signal too short for QRS"
                    + " detection: %d samples (%.3f s); Pan-Tompkins at %s Hz needs at least %d (%.3f s)",
                    r.samples(), r.samples() / card.fs(), number(card.fs()), min, min / card.fs()));
        }
        int lead = card.lead() < r.leadCount() ? card.lead() : 0;
        double[] mV = all[lead];
        QrsDetection d = detector.detect(mV);
        return new LeadSignal(r, lead, mV, d);
    }

    /** Mean heart rate in beats per minute over R peaks at fs Hz: 60 / mean RR; NaN with fewer than two peaks. */
    static double heartRate(int[] peaks, double fs) {
        if (peaks.length < 2) {
            return Double.NaN;
        }
        return 60.0 * (peaks.length - 1) / ((peaks[peaks.length - 1] - peaks[0]) / fs);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Classifies times synthetic recordings (a 75 bpm spike train, one input window long, at the model's rate) so that
     * the JIT, ND4J's kernels and workspaces and every network copy are warm before the first real request.
     */
    public void warmUp(int times) throws InvalidInputException {
        ModelCard card = model();
        int n = (int) Math.max(Math.round(card.windowSeconds() * card.fs()), Math.round(10 * card.fs()));
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            double s = t / card.fs();
            double phase = s % 0.8 - 0.4;
            x[t] = Math.exp(-phase * phase / (2 * 0.01 * 0.01)) + 0.05 * Math.sin(2 * Math.PI * 0.3 * s);
        }
        Record r = record("warm-up", card.fs(), new double[][] {x});
        for (int i = 0; i < times; i++) {
            classify(r, false);
        }
    }

    /**
     * Loads runDir's model on a background thread and swaps it in when loaded; the future completes with the new
     * model's card, or exceptionally (the old model stays) when loading fails or a reload is already running.
     */
    public CompletableFuture<ModelCard> reload(Path runDir) {
        if (!reloading.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("a reload is already running"));
        }
        CompletableFuture<ModelCard> done = new CompletableFuture<>();
        reloader.execute(() -> {
            try {
                Loaded next = Loaded.of(loader.load(runDir));
                current.set(next);
                lastReloadError.set(null);
                reloading.set(false);
                reloads.incrementAndGet();
                done.complete(next.classifier().card());
            } catch (IOException | RuntimeException | Error e) {
                lastReloadError.set(e.getMessage() == null ? e.toString() : e.getMessage());
                reloading.set(false);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The run directory of the model answering now (null for a model without one). */
    public Path runDir() {
        return model().runDir();
    }

    /** Counters, uptime and reload state. */
    public Health health() {
        return new Health((System.nanoTime() - started) / 1e9, classified.get(), refused.get(), failed.get(),
                model().id(), reloads.get(), reloading.get(), lastReloadError.get());
    }

    /** Stops the reload thread; the model stays usable until dropped. */
    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
