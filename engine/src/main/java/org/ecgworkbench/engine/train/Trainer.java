package org.ecgworkbench.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.dataset.Split;
import org.ecgworkbench.engine.net.Forward;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training run of a prototype on a packed dataset, in its own run directory ({@link RunFiles}): per-epoch
 * validation metrics, confusion matrices, DL4J stats for the UI server, last and best checkpoints.
 *
 * <p>Reproducible and resumable: the validation items come from a seeded stratified split of the dataset's
 * training split; batch b of epoch e depends only on (seed, e, b) (see {@link InputPipeline}); the global ND4J
 * generator (dropout) is reseeded from (seed, e, b) before every step; the last checkpoint (network, updater state,
 * iteration and epoch counts) is written with the position (epoch, next batch) and the running loss sums. A resumed
 * run therefore continues exactly where the checkpoint was taken.
 */
public final class Trainer {

    /** Share of the dataset's training split held out for validation (early stopping, best checkpoint). */
    public static final double VALIDATION_FRACTION = 0.1;

    /**
     * How to train.
     *
     * @param layout          convolution layout
     * @param workers         input pipeline threads
     * @param minutes         wall-clock budget of this invocation in minutes (0: none); the run stops after the step
     *                        that exceeds it, with a checkpoint, and can be resumed
     * @param checkpointMinutes minutes between mid-epoch checkpoints (0: only at epoch ends and stops)
     * @param statsFrequency  iterations between DL4J stats reports (histograms)
     * @param command         the command line, recorded
     * @param stop            asked before every step; true stops the run with a checkpoint (cancel)
     */
    public record Options(NetworkBuilder.Layout layout, int workers, double minutes, double checkpointMinutes,
                          int statsFrequency, String command, BooleanSupplier stop) {

        /** Defaults: the measured layout, 2 workers, no budget, checkpoints every 5 minutes, stats every 10 steps. */
        public static Options defaults() {
            return new Options(NetworkBuilder.DEFAULT_LAYOUT, 2, 0, 5, 10, "", () -> false);
        }

        /** A copy with another time budget. */
        public Options withMinutes(double m) {
            return new Options(layout, workers, m, checkpointMinutes, statsFrequency, command, stop);
        }

        /** A copy with another stop condition. */
        public Options withStop(BooleanSupplier s) {
            return new Options(layout, workers, minutes, checkpointMinutes, statsFrequency, command, s);
        }

        /** A copy with another command line. */
        public Options withCommand(String c) {
            return new Options(layout, workers, minutes, checkpointMinutes, statsFrequency, c, stop);
        }

        /** A copy with another checkpoint interval. */
        public Options withCheckpointMinutes(double m) {
            return new Options(layout, workers, minutes, m, statsFrequency, command, stop);
        }
    }

    /** Progress callbacks (called on the training thread). */
    public interface Listener {
        /** After every step: epoch (0-based), batch done (1-based) of batches, mean training loss so far this epoch. */
        default void step(int epoch, int batch, int batches, double loss, double etaSeconds) {
        }

        /** After every epoch's validation. */
        default void epoch(EpochMetrics metrics) {
        }

        /** At the end of a run with weight averaging: the averaged model's validation, epochs first..through (1-based). */
        default void average(int first, int through, EpochMetrics metrics) {
        }
    }

    /** How a call ended. */
    public enum Outcome {
        /** All epochs done, or early stopping. */
        DONE,
        /** Time budget reached; resumable. */
        BUDGET,
        /** Stopped on request; resumable. */
        STOPPED
    }

    /**
     * Metrics of one epoch.
     *
     * @param epoch      1-based
     * @param trainLoss  mean training loss of the epoch's steps
     * @param validation confusion matrix on the validation items
     * @param valLoss    mean cross-entropy of the validation items
     * @param seconds    wall time of the epoch (this process's part of it)
     * @param learningRate the epoch's learning rate
     */
    public record EpochMetrics(int epoch, double trainLoss, Confusion validation, double valLoss, double seconds,
                               double learningRate) {
    }

    private Trainer() {
    }

    /** Creates runDir (which must not exist or be empty) and trains p on the dataset in it. */
    public static Outcome train(Prototype p, Path datasetFile, Path runDir, Options o, Listener l) throws IOException {
        // A queue scheduler creates the directory for the child's train.log (and may drop a stop file in it) first.
        if (Files.exists(runDir) && (!Files.isDirectory(runDir) || Files.list(runDir).map(f -> f.getFileName().toString())
                .anyMatch(f -> !f.equals(RunFiles.LOG) && !f.equals(RunFiles.STOP)))) {
            throw new IOException(runDir + ": run directory exists and is not empty (resume it with --resume)");
        }
        Dataset ds = Dataset.open(datasetFile);
        if (p.classes().isEmpty()) {
            p = p.withClasses(ds.classNames());
        }
        BatchAssembler.classMap(ds, p);
        Files.createDirectories(runDir.resolve(RunFiles.CHECKPOINTS));
        Files.createDirectories(runDir.resolve(RunFiles.CONFUSION));
        Files.writeString(runDir.resolve(RunFiles.PROTOTYPE), p.toJson());

        int[] labels = BatchAssembler.labels(ds, p);
        int[][] parts = trainValidation(ds, p.seed());
        double[] weights = classWeights(p, labels, parts[0]);
        Items items = Items.of(ds);
        FeatureScaler scaler = p.features().isEmpty() ? null : FeatureScaler.fit(items, p.features(), parts[0]);

        ObjectNode run = RunFiles.JSON.createObjectNode();
        run.put("created", Instant.now().toString());
        run.put("command", o.command());
        ObjectNode d = run.putObject("dataset");
        d.put("file", datasetFile.toAbsolutePath().normalize().toString());
        d.put("sha256", Provenance.sha256(datasetFile));
        d.put("items", ds.size());
        d.put("lead", ds.lead());
        d.put("fs", ds.fs());
        d.put("command", ds.command());
        ArrayNode cn = d.putArray("class_names");
        ds.classNames().forEach(cn::add);
        run.put("seed", p.seed());
        run.put("git_commit", Provenance.gitCommit());
        Backend b = Backend.active();
        ObjectNode be = run.putObject("backend");
        be.put("kind", b.kind());
        be.put("binary", b.binary());
        be.put("blas", b.blasVendor());
        be.put("threads", b.threads());
        run.put("layout", o.layout().name().toLowerCase());
        ObjectNode v = run.putObject("versions");
        v.put("java", System.getProperty("java.version"));
        v.put("deeplearning4j", Provenance.version("org.deeplearning4j", "deeplearning4j-nn"));
        v.put("nd4j", Provenance.version("org.nd4j", "nd4j-api"));
        v.put("workbench", Provenance.version("org.ecgworkbench", "engine"));

        ObjectNode pre = RunFiles.JSON.createObjectNode();
        pre.put("channel_scaling", "each channel of each window standardised to zero mean and unit standard deviation");
        pre.put("crop", "training: random window, zero-padded at the end when shorter; inference: up to "
                + Inference.MAX_CROPS + " evenly spaced windows, probabilities averaged");
        pre.put("validation_fraction", VALIDATION_FRACTION);
        ArrayNode vi = pre.putArray("validation_items");
        Arrays.stream(parts[1]).mapToObj(ds::recordName).forEach(vi::add);
        ArrayNode w = pre.putArray("class_weights");
        Arrays.stream(weights).forEach(w::add);
        if (scaler != null) {
            ObjectNode f = pre.putObject("features");
            ArrayNode fn = f.putArray("names");
            scaler.names().forEach(fn::add);
            ArrayNode fm = f.putArray("mean");
            Arrays.stream(scaler.mean()).forEach(fm::add);
            ArrayNode fs = f.putArray("std");
            Arrays.stream(scaler.std()).forEach(fs::add);
        } else {
            pre.putNull("features");
        }
        String suggestionsSha = null;
        if (p.suggestions() != null) {
            suggestionsSha = Provenance.sha256(Path.of(p.suggestions().file()));
            pre.put("suggestions_sha256", suggestionsSha);
        }
        RunFiles.writeJson(runDir.resolve(RunFiles.PREPROCESSING), pre);

        ComputationGraph net = new NetworkBuilder(p, o.layout(), weights).build();
        BatchAssembler assembler = assembler(p, items, labels, scaler, o);
        List<Example> firstEpoch = InputPipeline.shuffled(parts[0], p.seed(), 0);
        InputUse.record(run, p, net, assembler.assemble(firstEpoch.subList(0, Math.min(p.batchSize(),
                firstEpoch.size())), new java.util.Random(InputPipeline.mix(p.seed(), 0, 0))), suggestionsSha);
        RunFiles.writeJson(runDir.resolve(RunFiles.RUN), run);
        State s = new State();
        s.save(runDir);
        return loop(p, items, parts, assembler, net, s, runDir, o, l);
    }

    private static BatchAssembler assembler(Prototype p, Items items, int[] labels, FeatureScaler scaler, Options o)
            throws IOException {
        Suggestions sug = p.suggestions() == null ? null : Suggestions.read(Path.of(p.suggestions().file()), p.classes());
        return new BatchAssembler(items, labels, p, o.layout(), scaler, sug);
    }

    /** Continues the run in runDir from its last checkpoint. */
    public static Outcome resume(Path runDir, Options o, Listener l) throws IOException {
        Prototype p = Prototype.read(runDir.resolve(RunFiles.PROTOTYPE));
        JsonNode run = RunFiles.readJson(runDir.resolve(RunFiles.RUN));
        Path datasetFile = Path.of(run.path("dataset").path("file").asText());
        String sha = Provenance.sha256(datasetFile);
        if (!sha.equals(run.path("dataset").path("sha256").asText())) {
            throw new IOException(datasetFile + ": the dataset changed since the run started (SHA-256 " + sha
                    + ", run recorded " + run.path("dataset").path("sha256").asText() + ")");
        }
        State s = State.load(runDir);
        if (s.finished) {
            return Outcome.DONE;
        }
        Dataset ds = Dataset.open(datasetFile);
        int[] labels = BatchAssembler.labels(ds, p);
        int[][] parts = trainValidation(ds, p.seed());
        Items items = Items.of(ds);
        FeatureScaler scaler = p.features().isEmpty() ? null : FeatureScaler.fit(items, p.features(), parts[0]);
        NetworkBuilder.Layout layout = NetworkBuilder.Layout.valueOf(run.path("layout").asText("conv2d").toUpperCase());
        Options ro = new Options(layout, o.workers(), o.minutes(), o.checkpointMinutes(), o.statsFrequency(),
                o.command(), o.stop());
        ComputationGraph net;
        Path last = runDir.resolve(RunFiles.LAST);
        if (Files.isRegularFile(last)) {
            net = ModelSerializer.restoreComputationGraph(last.toFile(), true);
            if (s.batch == 0 && s.bestEpoch > 0 && s.bestEpoch == s.epoch) {
                // last.zip is the best epoch's end: redo the copy a kill may have cut off after the checkpoint
                copyLastToBest(runDir);
            }
        } else {
            net = new NetworkBuilder(p, layout, classWeights(p, labels, parts[0])).build();
            s = new State();
        }
        // Epochs after the checkpoint's are trained again: drop their lines (left by a kill between them and it).
        RunFiles.keepMetricsUpTo(runDir, s.epoch);
        return loop(p, items, parts, assembler(p, items, labels, scaler, ro), net, s, runDir, ro, l);
    }

    private static Outcome loop(Prototype p, Items items, int[][] parts, BatchAssembler assembler,
                                ComputationGraph net, State s, Path runDir, Options o, Listener l) throws IOException {
        int[] labels = assembler.labels();
        StatsStorage storage = new FileStatsStorage(runDir.resolve(RunFiles.STATS).toFile());
        net.setListeners(new StatsListener(storage, Math.max(1, o.statsFrequency())));
        long callStart = System.nanoTime();
        long started = callStart;
        long lastCheckpoint = started;
        WeightAverage average = WeightAverage.of(p, runDir);
        try {
            for (int epoch = s.epoch; epoch < p.epochs(); epoch++) {
                net.getConfiguration().setEpochCount(epoch);
                long epochStart = System.nanoTime();
                try (InputPipeline pipe = new InputPipeline(assembler, InputPipeline.shuffled(parts[0], p.seed(), epoch),
                        p.batchSize(), p.seed(), epoch, o.workers(), 2 * o.workers() + 1)) {
                    pipe.startAt(s.batch);
                    int batches = pipe.batches();
                    int stepsHere = 0;
                    while (pipe.hasNext()) {
                        int bi = pipe.position();
                        MultiDataSet mds = pipe.next();
                        Nd4j.getRandom().setSeed(InputPipeline.mix(p.seed() ^ 0x5DEECE66DL, epoch, bi));
                        net.fit(mds);
                        s.lossSum += net.score();
                        s.lossSteps++;
                        s.batch = bi + 1;
                        stepsHere++;
                        double perStep = (System.nanoTime() - epochStart) / 1e9 / stepsHere;
                        double eta = perStep * ((batches - s.batch) + (long) (p.epochs() - epoch - 1) * batches);
                        l.step(epoch, s.batch, batches, s.lossSum / s.lossSteps, eta);
                        boolean budget = o.minutes() > 0 && System.nanoTime() - callStart >= o.minutes() * 60e9;
                        boolean stop = o.stop().getAsBoolean();
                        if ((budget || stop) && pipe.hasNext()) {
                            s.elapsedSeconds += (System.nanoTime() - started) / 1e9;
                            checkpoint(net, s, runDir);
                            return stop ? Outcome.STOPPED : Outcome.BUDGET;
                        }
                        if (o.checkpointMinutes() > 0 && System.nanoTime() - lastCheckpoint > o.checkpointMinutes() * 60e9
                                && pipe.hasNext()) {
                            checkpoint(net, s, runDir);
                            lastCheckpoint = System.nanoTime();
                        }
                    }
                }
                EpochMetrics m = validate(net, assembler, items, labels, parts[1], p, epoch, s,
                        (System.nanoTime() - epochStart) / 1e9, o.workers());
                writeEpoch(runDir, m);
                double value = metricValue(p, m);
                boolean better = s.bestEpoch == 0 || (lowerIsBetter(p) ? value < s.best : value > s.best);
                s.epoch = epoch + 1;
                s.batch = 0;
                s.lossSum = 0;
                s.lossSteps = 0;
                if (better) {
                    s.best = value;
                    s.bestEpoch = epoch + 1;
                }
                boolean early = p.earlyStopping() != null && s.epoch - s.bestEpoch >= p.earlyStopping().patience();
                s.finished = early || s.epoch >= p.epochs();
                s.earlyStopped = early;
                double elapsed = (System.nanoTime() - started) / 1e9;
                s.elapsedSeconds += elapsed;
                started = System.nanoTime();
                if (average != null) {
                    // before the checkpoint: a kill between the two retrains this epoch, which the average then skips
                    average.epochEnded(net, s.epoch, runDir);
                }
                checkpoint(net, s, runDir);
                if (better) {
                    copyLastToBest(runDir);
                }
                lastCheckpoint = System.nanoTime();
                l.epoch(m);
                if (s.finished) {
                    validateAverage(average, assembler, items, labels, parts[1], p, s, runDir, o.workers(), l);
                    return Outcome.DONE;
                }
                if ((o.minutes() > 0 && System.nanoTime() - callStart >= o.minutes() * 60e9) || o.stop().getAsBoolean()) {
                    return o.stop().getAsBoolean() ? Outcome.STOPPED : Outcome.BUDGET;
                }
            }
            s.finished = true;
            s.save(runDir);
            return Outcome.DONE;
        } finally {
            storage.close();
        }
    }

    private static EpochMetrics validate(ComputationGraph net, BatchAssembler a, Items items, int[] labels, int[] val,
                                         Prototype p, int epoch, State s, double seconds, int workers) {
        double[][] prob = Inference.probabilities(Forward.of(net), a, items, val, p.batchSize(), workers);
        Confusion c = new Confusion(p.classes());
        double loss = 0;
        for (int k = 0; k < val.length; k++) {
            c.add(labels[val[k]], Inference.argmax(prob[k]));
            loss -= Math.log(Math.max(1e-12, prob[k][labels[val[k]]]));
        }
        double lr = p.optimizer().learningRate() * p.optimizer().schedule().factor(epoch, p.epochs());
        return new EpochMetrics(epoch + 1, s.lossSteps == 0 ? Double.NaN : s.lossSum / s.lossSteps, c,
                val.length == 0 ? Double.NaN : loss / val.length, seconds, lr);
    }

    /** Scores the finished run's weight average on the validation items into {@link RunFiles#AVERAGE_METRICS}. */
    private static void validateAverage(WeightAverage average, BatchAssembler a, Items items, int[] labels, int[] val,
                                        Prototype p, State s, Path runDir, int workers, Listener l) throws IOException {
        if (average == null || average.network() == null) {
            return;
        }
        long t0 = System.nanoTime();
        EpochMetrics v = validate(average.network(), a, items, labels, val, p, s.epoch - 1, s, 0, workers);
        EpochMetrics m = new EpochMetrics(v.epoch(), Double.NaN, v.validation(), v.valLoss(),
                (System.nanoTime() - t0) / 1e9, v.learningRate());
        ObjectNode line = epochLine(m);
        // no training of its own: the seconds are the validation's
        line.remove(List.of("train_loss", "learning_rate"));
        line.put("first_epoch", average.first());
        line.put("through_epoch", average.through());
        RunFiles.writeJson(runDir.resolve(RunFiles.AVERAGE_METRICS), line);
        l.average(average.first(), average.through(), m);
    }

    /** One metrics line: losses, accuracy, score, learning rate, seconds, per-class precision/recall/F1, confusion. */
    private static ObjectNode epochLine(EpochMetrics m) {
        ObjectNode line = RunFiles.JSON.createObjectNode();
        Confusion c = m.validation();
        line.put("epoch", m.epoch());
        line.put("train_loss", m.trainLoss());
        line.put("val_loss", m.valLoss());
        line.put("accuracy", c.accuracy());
        line.put("cinc_score", c.score());
        line.put("learning_rate", m.learningRate());
        line.put("seconds", m.seconds());
        ObjectNode per = line.putObject("classes");
        for (int k = 0; k < c.classes().size(); k++) {
            ObjectNode pc = per.putObject(c.classes().get(k));
            pc.put("precision", c.precision(k));
            pc.put("recall", c.recall(k));
            pc.put("f1", c.f1(k));
        }
        ArrayNode cm = line.putArray("confusion");
        for (long[] row : c.counts()) {
            ArrayNode r = cm.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        return line;
    }

    private static void writeEpoch(Path runDir, EpochMetrics m) throws IOException {
        RunFiles.appendLine(runDir.resolve(RunFiles.METRICS), epochLine(m));
        Confusion c = m.validation();
        StringBuilder csv = new StringBuilder("reference\\predicted," + String.join(",", c.classes()) + "\n");
        long[][] counts = c.counts();
        for (int i = 0; i < counts.length; i++) {
            csv.append(c.classes().get(i));
            for (long v : counts[i]) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        RunFiles.writeAtomically(runDir.resolve(RunFiles.CONFUSION).resolve(String.format("epoch-%03d.csv", m.epoch())),
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static double metricValue(Prototype p, EpochMetrics m) {
        String metric = p.earlyStopping() == null ? "cinc_score" : p.earlyStopping().metric();
        return switch (metric) {
            case "loss" -> m.valLoss();
            case "accuracy" -> m.validation().accuracy();
            default -> m.validation().score();
        };
    }

    private static boolean lowerIsBetter(Prototype p) {
        return p.earlyStopping() != null && p.earlyStopping().metric().equals("loss");
    }

    private static void checkpoint(ComputationGraph net, State s, Path runDir) throws IOException {
        RunFiles.replaceAtomically(runDir.resolve(RunFiles.LAST),
                tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
        s.save(runDir);
    }

    private static void copyLastToBest(Path runDir) throws IOException {
        RunFiles.replaceAtomically(runDir.resolve(RunFiles.BEST),
                tmp -> Files.copy(runDir.resolve(RunFiles.LAST), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
    }

    /** The items a run with this seed holds out of the dataset's training split to validate on. */
    public static int[] validationItems(Dataset ds, long seed) {
        return trainValidation(ds, seed)[1];
    }

    /** [0]: training items, [1]: validation items, from the dataset's training split; seeded, stratified. */
    static int[][] trainValidation(Dataset ds, long seed) {
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            if (ds.split(i) == Split.TRAIN) {
                train.add(i);
            }
        }
        int[] lab = train.stream().mapToInt(ds::label).toArray();
        int[] src = train.stream().mapToInt(ds::sourceIndex).toArray();
        byte[] side = ds.itemKind() == Dataset.ItemKind.RHYTHM_WINDOW
                ? Split.bySource(lab, ds.classNames().size(), src, seed, VALIDATION_FRACTION)
                : Split.stratified(lab, ds.classNames().size(), seed, VALIDATION_FRACTION);
        List<Integer> t = new ArrayList<>();
        List<Integer> v = new ArrayList<>();
        for (int k = 0; k < train.size(); k++) {
            (side[k] == Split.TEST ? v : t).add(train.get(k));
        }
        return new int[][] {t.stream().mapToInt(Integer::intValue).toArray(), v.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Loss weight per class: 1, inverse training frequency normalised to mean 1 ("balanced"), or as listed. */
    static double[] classWeights(Prototype p, int[] labels, int[] train) {
        int k = p.classes().size();
        double[] w = new double[k];
        Arrays.fill(w, 1);
        switch (p.classWeights().mode()) {
            case "listed" -> {
                for (int c = 0; c < k; c++) {
                    w[c] = p.classWeights().weights().get(c);
                }
            }
            case "balanced" -> {
                long[] n = new long[k];
                for (int i : train) {
                    n[labels[i]]++;
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    w[c] = n[c] == 0 ? 0 : (double) train.length / (k * n[c]);
                    sum += w[c];
                }
                for (int c = 0; c < k; c++) {
                    w[c] *= k / sum;
                }
            }
            default -> {
            }
        }
        return w;
    }

    /** Where a run stands; saved with every checkpoint. */
    static final class State {
        int epoch;
        int batch;
        double lossSum;
        long lossSteps;
        double best = Double.NaN;
        int bestEpoch;
        boolean finished;
        boolean earlyStopped;
        double elapsedSeconds;

        void save(Path runDir) throws IOException {
            ObjectNode n = RunFiles.JSON.createObjectNode();
            n.put("epoch", epoch);
            n.put("batch", batch);
            n.put("loss_sum", lossSum);
            n.put("loss_steps", lossSteps);
            n.put("best", best);
            n.put("best_epoch", bestEpoch);
            n.put("finished", finished);
            n.put("early_stopped", earlyStopped);
            n.put("elapsed_seconds", elapsedSeconds);
            n.put("updated", Instant.now().toString());
            RunFiles.writeJson(runDir.resolve(RunFiles.STATE), n);
        }

        static State load(Path runDir) throws IOException {
            JsonNode n = RunFiles.readJson(runDir.resolve(RunFiles.STATE));
            State s = new State();
            s.epoch = n.path("epoch").asInt();
            s.batch = n.path("batch").asInt();
            s.lossSum = n.path("loss_sum").asDouble();
            s.lossSteps = n.path("loss_steps").asLong();
            s.best = n.path("best").asDouble(Double.NaN);
            s.bestEpoch = n.path("best_epoch").asInt();
            s.finished = n.path("finished").asBoolean();
            s.earlyStopped = n.path("early_stopped").asBoolean();
            s.elapsedSeconds = n.path("elapsed_seconds").asDouble();
            return s;
        }
    }
}
