package org.ecgworkbench.engine.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ecgworkbench.engine.dataset.AugmentationConfig;

/**
 * A network prototype: the few high-level hyper-parameters from which {@link NetworkBuilder} builds a whole family
 * of networks, plus how to train them. Read from and written to JSON (snake_case field names, schema in
 * docs/prototypes.md); every value is validated when read, with an error naming the field.
 *
 * @param name          free-form name (defaults to the file name)
 * @param family        network family
 * @param blocks        number of blocks (depth)
 * @param filters       output channels of every block (from base_filters and growth, or listed)
 * @param growth        how filters were derived (base_filters and growth), or null when they were listed
 * @param kernelSizes   convolution kernel size of every block, in samples
 * @param stemStride    stride of the stem convolution (resnet1d)
 * @param reduction     where and how the time axis is reduced
 * @param pooling       global pooling over time before the classifier
 * @param dropout       drop probability inside every block, in [0, 1)
 * @param batchNorm     whether convolutions are followed by batch normalisation
 * @param input         input window and signal channels
 * @param features      fixed-feature entry: names of the dataset's features merged before the classifier (may be empty)
 * @param suggestions   suggestion entry: external class probabilities merged at the output, or null
 * @param headUnits     units of a dense ReLU layer before the output (0 = none)
 * @param classes       class names, in output order
 * @param optimizer     optimiser and learning-rate schedule
 * @param batchSize     examples per training step
 * @param epochs        maximum number of epochs
 * @param earlyStopping early stopping, or null
 * @param classWeights  loss weight per class: "none", "balanced" (inverse training frequency) or listed
 * @param augmentation  on-the-fly augmentation of every training window's recording (the transforms of
 *                      {@code pretrain}), drawn anew each time; null for none. Validation and test windows are never
 *                      augmented
 * @param averageEpochs the run's model is the mean of the weights at the ends of the last this many epochs of the
 *                      schedule (0: off; the best checkpoint is the model)
 * @param seed          seed of initialisation, shuffling, cropping and dropout
 */
public record Prototype(String name, Family family, int blocks, List<Integer> filters, Growth growth,
                        List<Integer> kernelSizes,
                        int stemStride, Reduction reduction, Pooling pooling, double dropout, boolean batchNorm,
                        Input input, List<String> features, Suggestions suggestions, int headUnits,
                        List<String> classes, Optimizer optimizer, int batchSize, int epochs,
                        EarlyStopping earlyStopping, ClassWeights classWeights, AugmentationConfig augmentation,
                        int averageEpochs, long seed) {

    /** Signal channels a network can take: the raw lead and the Pan-Tompkins stages computed by the engine. */
    public static final List<String> CHANNELS = List.of("raw", "bandpassed", "derivative", "squared", "integrated");

    /** Network families. */
    public enum Family {
        /** Residual 1-D CNN (He et al. 2016; Hannun et al. 2019): stem, residual blocks of two convolutions. */
        RESNET1D,
        /** Fully convolutional network (Wang et al. 2017): blocks of one convolution, batch norm, ReLU. */
        FCN1D;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Global pooling (and shortcut pooling) kinds. */
    public enum Pooling {
        AVG, MAX;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a residual shortcut follows a reduction: 1x1 strided convolution, or pooling (then 1x1 conv if channels change). */
    public enum Shortcut {
        CONV, MAX, AVG;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Time-axis reduction: every {@code every}-th block (1-based; 0 = never) reduces the length by {@code factor}, through
     * the stride of its first convolution (resnet1d) or a pooling layer after it (fcn1d, kind {@code shortcut}).
     */
    public record Reduction(int every, int factor, Shortcut shortcut) {
        /** Whether block i (0-based) reduces. */
        public boolean at(int block) {
            return every > 0 && (block + 1) % every == 0;
        }
    }

    /** Input window: seconds at fs Hz (records are cropped or zero-padded to it), and the signal channels. */
    public record Input(double seconds, double fs, List<String> channels) {
        /** Window length in samples. */
        public int samples() {
            return (int) Math.round(seconds * fs);
        }
    }

    /** External class probabilities: a CSV file "record,p_class1,..." (header names the classes). */
    public record Suggestions(String file) {
    }

    /**
     * Optimiser: name (adam, adamw, sgd, nesterovs), learning rate, momentum (sgd/nesterovs), L2 weight decay, and the
     * learning-rate schedule.
     */
    public record Optimizer(String name, double learningRate, double momentum, double weightDecay, Schedule schedule) {
    }

    /** Learning-rate schedule over epochs: constant, step (times decay every everyEpochs), exponential (decay per epoch), cosine. */
    public record Schedule(String type, double decay, int everyEpochs) {
        /** The learning-rate multiplier of epoch e (0-based) out of epochs. */
        public double factor(int epoch, int epochs) {
            return switch (type) {
                case "step" -> Math.pow(decay, Math.floor((double) epoch / everyEpochs));
                case "exponential" -> Math.pow(decay, epoch);
                case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
                default -> 1;
            };
        }
    }

    /** Stop when the metric (cinc_score, accuracy: higher is better; loss: lower) has not improved for patience epochs. */
    public record EarlyStopping(String metric, int patience) {
    }

    /** Loss weights: mode "none", "balanced" or "listed" (then weights holds one per class). */
    public record ClassWeights(String mode, List<Double> weights) {
    }

    /** Filters of block b = round(base x factor^s) + add x s, with stage s = floor(b / every). */
    public record Growth(int base, int every, int add, double factor) {
    }

    /** Number of signal channels. */
    public int inputChannels() {
        return input.channels().size();
    }

    /** Reads and validates a prototype file. */
    public static Prototype read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PrototypeException(file, "", "file not found");
        }
        String base = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return PrototypeReader.parse(Files.readString(file), base);
        } catch (PrototypeException e) {
            throw e.in(file);
        }
    }

    /** Parses and validates prototype JSON; defaultName is used when the JSON has no name. */
    public static Prototype parse(String json, String defaultName) throws PrototypeException {
        return PrototypeReader.parse(json, defaultName);
    }

    /** This prototype as a JSON tree, every field written (the resolved prototype a run records). */
    public ObjectNode toJsonTree() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("name", name);
        o.put("family", family.json());
        o.put("blocks", blocks);
        if (growth == null) {
            ArrayNode f = o.putArray("filters");
            filters.forEach(f::add);
        } else {
            o.put("base_filters", growth.base());
            ObjectNode g = o.putObject("growth");
            g.put("every", growth.every());
            g.put("add", growth.add());
            g.put("factor", growth.factor());
        }
        if (kernelSizes.stream().distinct().count() == 1) {
            // One value for all blocks, as written in templates: keeps "blocks" overridable (--set blocks=N).
            o.put("kernel_size", kernelSizes.get(0));
        } else {
            ArrayNode k = o.putArray("kernel_size");
            kernelSizes.forEach(k::add);
        }
        o.put("stem_stride", stemStride);
        ObjectNode r = o.putObject("reduction");
        r.put("every", reduction.every());
        r.put("factor", reduction.factor());
        r.put("shortcut", reduction.shortcut().json());
        o.put("pooling", pooling.json());
        o.put("dropout", dropout);
        o.put("batch_norm", batchNorm);
        ObjectNode in = o.putObject("input");
        in.put("seconds", input.seconds());
        in.put("fs", input.fs());
        ArrayNode ch = in.putArray("channels");
        input.channels().forEach(ch::add);
        ArrayNode fe = o.putArray("features");
        features.forEach(fe::add);
        if (suggestions == null) {
            o.putNull("suggestions");
        } else {
            o.putObject("suggestions").put("file", suggestions.file());
        }
        o.put("head_units", headUnits);
        ArrayNode cl = o.putArray("classes");
        classes.forEach(cl::add);
        ObjectNode op = o.putObject("optimizer");
        op.put("name", optimizer.name());
        op.put("learning_rate", optimizer.learningRate());
        op.put("momentum", optimizer.momentum());
        op.put("weight_decay", optimizer.weightDecay());
        ObjectNode s = op.putObject("schedule");
        s.put("type", optimizer.schedule().type());
        s.put("decay", optimizer.schedule().decay());
        s.put("every_epochs", optimizer.schedule().everyEpochs());
        o.put("batch_size", batchSize);
        o.put("epochs", epochs);
        if (earlyStopping == null) {
            o.putNull("early_stopping");
        } else {
            ObjectNode es = o.putObject("early_stopping");
            es.put("metric", earlyStopping.metric());
            es.put("patience", earlyStopping.patience());
        }
        if (classWeights.mode().equals("listed")) {
            ArrayNode w = o.putArray("class_weights");
            classWeights.weights().forEach(w::add);
        } else {
            o.put("class_weights", classWeights.mode());
        }
        if (augmentation != null) {
            // Written only when set, so prototypes and run records from before this field stay byte-identical.
            ObjectNode au = o.putObject("augmentation");
            au.put("crop", augmentation.cropMin());
            au.put("scale", augmentation.scale());
            au.put("wander_mv", augmentation.wanderMv());
            au.put("noise_mv", augmentation.noiseMv());
            au.put("powerline_mv", augmentation.powerlineMv());
            au.put("powerline_hz", augmentation.powerlineHz());
            au.put("shift_s", augmentation.shiftS());
        }
        if (averageEpochs > 0) {
            o.put("average_epochs", averageEpochs);
        }
        o.put("seed", seed);
        return o;
    }

    /** This prototype as pretty-printed JSON; {@link #parse} of it gives an equal prototype. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJsonTree()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy with one JSON field set to a value given as text (dotted path, e.g. "optimizer.learning_rate=3e-4"). */
    public Prototype with(String path, String value) throws PrototypeException {
        return PrototypeReader.with(this, path, value);
    }

    /** A copy with other classes (the dataset's, when the prototype names none). */
    public Prototype withClasses(List<String> newClasses) {
        return new Prototype(name, family, blocks, filters, growth, kernelSizes, stemStride, reduction, pooling, dropout,
                batchNorm, input, features, suggestions, headUnits, List.copyOf(newClasses), optimizer, batchSize,
                epochs, earlyStopping, classWeights, augmentation, averageEpochs, seed);
    }

    /** A copy with another suggestions file (null: none). */
    public Prototype withSuggestions(String file) {
        return new Prototype(name, family, blocks, filters, growth, kernelSizes, stemStride, reduction, pooling, dropout,
                batchNorm, input, features, file == null ? null : new Suggestions(file), headUnits, classes, optimizer,
                batchSize, epochs, earlyStopping, classWeights, augmentation, averageEpochs, seed);
    }

    /** Output length (samples along time) after the whole network's reductions, for an input of the given length. */
    public int reducedLength(int samples) {
        int n = samples;
        if (family == Family.RESNET1D) {
            n = ceilDiv(n, stemStride);
        }
        for (int b = 0; b < blocks; b++) {
            if (reduction.at(b)) {
                n = ceilDiv(n, reduction.factor());
            }
        }
        return n;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static List<Integer> copy(List<Integer> l) {
        return List.copyOf(new ArrayList<>(l));
    }
}
