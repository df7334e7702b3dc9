package org.ecgworkbench.views.prototype;

import static org.ecgworkbench.views.prototype.JsonDocument.Conversion.NUMBERS;
import static org.ecgworkbench.views.prototype.JsonDocument.Conversion.SCALAR;
import static org.ecgworkbench.views.prototype.JsonDocument.Conversion.SCALAR_OR_LIST;
import static org.ecgworkbench.views.prototype.JsonDocument.Conversion.STRINGS;
import static org.ecgworkbench.views.prototype.JsonDocument.Conversion.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ecgworkbench.engine.net.Prototype;

/**
 * Every field of the prototype schema (docs/prototypes.md) as a form row, grouped by category, with its meaning,
 * unit and default. Ranges are not repeated here: the engine checks them and its message is shown at the field.
 */
final class PrototypeFields {

    /** A titled group of form rows. */
    record Section(String title, String description, List<FieldEditor> editors) {
    }

    private PrototypeFields() {
    }

    /** The form's sections; lastValid gives the latest valid prototype (for filter conversion), or null. */
    static List<Section> sections(Supplier<Prototype> lastValid) {
        return List.of(
                new Section("Prototype", "What this file is; the name is recorded in every run.", List.of(
                        text("name", "Name", "Recorded in the run; empty: the file's name.", "the file's name", TEXT),
                        new TextFieldEditor(spec("description", "Description", "Free text: what the network is"
                                + " after, and why.", "free text"), TEXT, true))),
                new Section("Architecture", "The network family and its capacity.", List.of(
                        choice("family", "Family", "resnet1d: stem convolution, then residual blocks of two"
                                + " convolutions. fcn1d: blocks of one convolution, batch norm and ReLU.", "required",
                                "resnet1d", "fcn1d"),
                        text("blocks", "Blocks", "Depth: number of blocks.", "8 (resnet1d) / 3 (fcn1d)", SCALAR),
                        new FiltersModeEditor(spec("filters_mode", "Filters from", "A growth rule from a base,"
                                + " or one value per block.", ""), lastValid),
                        text("base_filters", "Base filters", "Output channels of the first block (capacity).",
                                "16", SCALAR).enabledWhen(root -> !FiltersModeEditor.listed(root)),
                        text("growth.every", "Growth every", "Blocks per stage: the filters grow every N blocks.",
                                "1", SCALAR).enabledWhen(root -> !FiltersModeEditor.listed(root)),
                        text("growth.add", "Growth add", "Filters added per stage: round(base \u00d7 factor^s) + add"
                                + " \u00d7 s, s = floor(block / every).", "0", SCALAR)
                                .enabledWhen(root -> !FiltersModeEditor.listed(root)),
                        text("growth.factor", "Growth factor", "Filters multiplied per stage (2: doubling).", "1",
                                SCALAR).enabledWhen(root -> !FiltersModeEditor.listed(root)),
                        text("filters", "Filters", "Output channels of every block, comma-separated, one per block.",
                                "e.g. 128, 256, 128", NUMBERS).enabledWhen(FiltersModeEditor::listed),
                        new DerivedRow(spec("filters_per_block", "Per block", "", ""),
                                p -> join(p.filters()) + "  (output channels of blocks 1\u2013" + p.blocks() + ")"),
                        text("kernel_size", "Kernel size", "Convolution kernel in samples: one value for all blocks,"
                                + " or one per block (comma-separated).", "7", SCALAR_OR_LIST),
                        text("stem_stride", "Stem stride", "Stride of the resnet1d stem convolution (samples).",
                                "2 (resnet1d) / 1", SCALAR).enabledWhen(root -> !isFcn(root)),
                        new CheckFieldEditor(spec("batch_norm", "Batch norm", "Batch normalisation after every"
                                + " convolution (the convolution then has no bias).", "true"), "normalise after"
                                + " every convolution", true),
                        text("dropout", "Dropout", "Drop probability after the first convolution of each block and"
                                + " after the head, in [0, 1).", "0", SCALAR),
                        text("head_units", "Head units", "Dense ReLU layer before the output; 0: none.", "0",
                                SCALAR))),
                new Section("Time reduction and pooling", "Where the time axis shrinks, and how it is summarised"
                        + " before the classifier.", List.of(
                        text("reduction.every", "Reduce every", "Every N-th block divides the length (0: never).",
                                "2 (resnet1d) / 0", SCALAR),
                        text("reduction.factor", "Reduce by", "Length divisor of a reducing block.", "2", SCALAR),
                        choice("reduction.shortcut", "Shortcut", "resnet1d: how the residual shortcut follows a"
                                + " reduction (1\u00d71 strided conv, or max/avg pooled). fcn1d: the pooling layer"
                                + " after a reducing block.", "conv", "conv", "max", "avg"),
                        choice("pooling", "Global pooling", "Pooling over time before the classifier.", "avg",
                                "avg", "max"),
                        new DerivedRow(spec("reduced_length", "Final length", "", ""), p -> String.format(
                                Locale.ROOT, "%,d samples of %,d reach the global pooling",
                                p.reducedLength(p.input().samples()), p.input().samples())))),
                new Section("Input", "The window the network sees; recordings are never resampled.", List.of(
                        text("input.seconds", "Window", "Window length in seconds (random crop in training;"
                                + " shorter recordings are zero-padded).", "required, e.g. 30", SCALAR),
                        text("input.fs", "Sampling rate", "Hz; must equal the dataset's rate.", "required, e.g. 300",
                                SCALAR),
                        new ChannelsEditor(spec("input.channels", "Channels", "The raw lead and the Pan-Tompkins"
                                + " stages computed per window; their order is the input's channel order.", "raw")),
                        new DerivedRow(spec("input_samples", "Samples", "", ""), p -> String.format(Locale.ROOT,
                                "%,d samples \u00d7 %d channel%s per window", p.input().samples(),
                                p.inputChannels(), p.inputChannels() == 1 ? "" : "s")))),
                new Section("Extra entries", "Information merged into the network besides the signal.", List.of(
                        new FeaturesEditor(spec("features", "Fixed features", "Dataset features (docs/features.md),"
                                + " z-scored with training statistics, merged with the pooled signal.", "")),
                        new NullableFieldEditor(spec("suggestions", "Suggestions", "External class probabilities per"
                                + " record, mapped to logits and added before the softmax.", "off"),
                                "use a suggestions file", object("file", "suggestions.csv")),
                        text("suggestions.file", "CSV file", "CSV \"record,A,N,...\" or"
                                + " \"record,p_A,...\"; relative to where training runs.", "suggestions.csv", TEXT)
                                .enabledWhen(root -> present(root, "suggestions")))),
                new Section("Classes and loss", "What the network predicts and how errors are weighted.", List.of(
                        text("classes", "Classes", "Output classes in order, comma-separated; empty: the dataset's.",
                                "the dataset's, e.g. A, N, O, ~", STRINGS),
                        new ClassWeightsEditor(spec("class_weights", "Class weights", "Loss weight per class: none,"
                                + " balanced (inverse training frequency, mean 1), or one per class.", "none")))),
                new Section("Optimiser", "How the weights are updated.", List.of(
                        choice("optimizer.name", "Optimiser", "adamw decouples the weight decay; momentum applies"
                                + " to sgd and nesterovs.", "adam", "adam", "adamw", "sgd", "nesterovs"),
                        text("optimizer.learning_rate", "Learning rate", "Initial step size, e.g. 1e-3.", "0.001",
                                SCALAR),
                        text("optimizer.momentum", "Momentum", "For sgd and nesterovs.", "0.9", SCALAR)
                                .enabledWhen(root -> Set.of("sgd", "nesterovs").contains(
                                        textAt(root, "optimizer.name", "adam"))),
                        text("optimizer.weight_decay", "Weight decay", "L2 for adam/sgd, decoupled for adamw.", "0",
                                SCALAR),
                        choice("optimizer.schedule.type", "Schedule", "Learning-rate multiplier per epoch: step"
                                + " (\u00d7 decay every N epochs), exponential (\u00d7 decay per epoch), cosine.",
                                "constant", "constant", "step", "exponential", "cosine"),
                        text("optimizer.schedule.decay", "Decay", "Multiplier of step and exponential schedules.",
                                "0.1", SCALAR).enabledWhen(root -> Set.of("step", "exponential").contains(
                                        textAt(root, "optimizer.schedule.type", "constant"))),
                        text("optimizer.schedule.every_epochs", "Step every", "Epochs between steps.", "10", SCALAR)
                                .enabledWhen(root -> "step".equals(textAt(root, "optimizer.schedule.type",
                                        "constant"))))),
                new Section("Training", "Batches, length and reproducibility of a run.", List.of(
                        text("batch_size", "Batch size", "Examples per step.", "32", SCALAR),
                        text("epochs", "Epochs", "Most epochs.", "30", SCALAR),
                        new NullableFieldEditor(spec("early_stopping", "Early stopping", "Stop when the validation"
                                + " metric has not improved for patience epochs; the best checkpoint is kept.", "off"),
                                "stop early", earlyStoppingDefault()),
                        choice("early_stopping.metric", "Metric", "cinc_score (mean F1 of N, A, O) and accuracy:"
                                + " higher is better; loss: lower.", "cinc_score", "cinc_score", "accuracy", "loss")
                                .enabledWhen(root -> present(root, "early_stopping")),
                        text("early_stopping.patience", "Patience", "Epochs without improvement before stopping.",
                                "5", SCALAR).enabledWhen(root -> present(root, "early_stopping")),
                        new NullableFieldEditor(spec("augmentation", "Augmentation", "Transform each training"
                                + " window's recording anew (validation and test never): pretrain's transforms.",
                                "off"), "augment", augmentationDefault()),
                        augmentation("crop", "Crop", "Share of the recording kept: uniform in [crop, 1].", "1"),
                        augmentation("scale", "Scale", "Amplitude factor uniform in 1 \u00b1 scale.", "0"),
                        augmentation("wander_mv", "Wander (mV)", "Baseline wander of 0.1-0.5 Hz, up to this.", "0"),
                        augmentation("noise_mv", "Noise (mV)", "Gaussian noise, standard deviation.", "0"),
                        augmentation("powerline_mv", "Mains (mV)", "Powerline hum amplitude.", "0"),
                        augmentation("powerline_hz", "Mains (Hz)", "Powerline frequency, below fs/2.", "50"),
                        augmentation("shift_s", "Shift (s)", "Circular shift of up to this many seconds.", "0"),
                        text("average_epochs", "Average last", "The run's model is the mean of the weights at the"
                                + " ends of its last N epochs; 0: off (the best epoch is the model).", "0", SCALAR),
                        text("seed", "Seed", "Initialisation, validation split, shuffling, crops, dropout.", "42",
                                SCALAR))));
    }

    private static FieldEditor augmentation(String key, String label, String description, String hint) {
        return text("augmentation." + key, label, description, hint, SCALAR)
                .enabledWhen(root -> present(root, "augmentation"));
    }

    /** Mild noise and wander: what a researcher switching augmentation on starts from. */
    private static ObjectNode augmentationDefault() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("noise_mv", 0.02);
        o.put("wander_mv", 0.1);
        return o;
    }

    private static FieldSpec spec(String path, String label, String description, String hint) {
        return new FieldSpec(path, label, description, hint);
    }

    private static FieldEditor text(String path, String label, String description, String hint,
                                    JsonDocument.Conversion conversion) {
        return new TextFieldEditor(spec(path, label, description, hint), conversion, false);
    }

    private static FieldEditor choice(String path, String label, String description, String hint,
                                      String... options) {
        return new ChoiceFieldEditor(spec(path, label, description, hint), List.of(options));
    }

    private static ObjectNode object(String field, String value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(field, value);
        return o;
    }

    private static ObjectNode earlyStoppingDefault() {
        ObjectNode o = object("metric", "cinc_score");
        o.put("patience", 5);
        return o;
    }

    private static boolean present(ObjectNode root, String path) {
        JsonNode v = JsonDocument.get(root, path);
        return v != null && !v.isNull();
    }

    private static boolean isFcn(ObjectNode root) {
        return "fcn1d".equals(textAt(root, "family", ""));
    }

    private static String textAt(ObjectNode root, String path, String absent) {
        JsonNode v = JsonDocument.get(root, path);
        return v == null || v.isNull() ? absent : v.asText();
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
