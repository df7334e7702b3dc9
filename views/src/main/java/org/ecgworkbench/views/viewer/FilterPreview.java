package org.ecgworkbench.views.viewer;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.Freqz;
import org.ecgworkbench.engine.filter.TransferFunction;

/**
 * Side panel to try a Butterworth filter on the record: type, order and band edges in Hz, its magnitude and phase
 * response, and buttons to apply it to the view (zero phase, through the engine's filtfilt) or remove it. Bad input
 * (an edge at or above Nyquist, edges out of order, text that is not a number) is reported in the panel, never thrown.
 */
public final class FilterPreview extends VBox {

    /** Highest prototype order offered: (b, a) of band filters above this lose too many digits to be useful. */
    public static final int MAX_ORDER = 8;
    /** Frequencies at which the response is plotted. */
    static final int POINTS = 1024;

    private final ComboBox<BandType> type = new ComboBox<>();
    private final Spinner<Integer> order = new Spinner<>(1, MAX_ORDER, 2);
    private final TextField f1 = new TextField("0.5");
    private final TextField f2 = new TextField("40");
    private final ComboBox<String> phaseUnits = new ComboBox<>();
    private final CheckBox replace = new CheckBox("Replace raw leads");
    private final Button apply = new Button("Apply to view");
    private final Button remove = new Button("Remove");
    private final Label message = new Label();
    private final Label fsLabel = new Label();
    private final ResponsePlot plot = new ResponsePlot();
    private final ReadOnlyStringWrapper messageText = new ReadOnlyStringWrapper(this, "message", "");
    private double fs = 360;
    private FilterDesign design;
    private Consumer<FilterDesign> onApply = d -> { };
    private Runnable onRemove = () -> { };

    /** An empty panel designing for 360 Hz until {@link #setSamplingFrequency(double)} is called. */
    public FilterPreview() {
        setId("filter-preview-panel");
        getStyleClass().add("viewer-filter-panel");
        setSpacing(8);
        setPadding(new Insets(10));
        setPrefWidth(340);
        setMinWidth(280);
        Label title = new Label("Filter preview");
        title.getStyleClass().add("viewer-panel-title");
        type.getItems().setAll(BandType.values());
        type.setValue(BandType.BANDPASS);
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(BandType t) {
                return t == null ? "" : t.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public BandType fromString(String s) {
                return BandType.parse(s);
            }
        });
        type.setId("filter-type");
        order.setId("filter-order");
        order.setEditable(true);
        order.setPrefWidth(80);
        f1.setId("filter-low");
        f2.setId("filter-high");
        f1.setPrefColumnCount(6);
        f2.setPrefColumnCount(6);
        phaseUnits.getItems().setAll("degrees", "radians");
        phaseUnits.setValue("degrees");
        phaseUnits.setId("filter-phase-units");
        replace.setId("filter-replace");
        apply.setId("filter-apply");
        remove.setId("filter-remove");
        apply.setDefaultButton(false);
        message.setId("filter-message");
        message.setWrapText(true);
        message.getStyleClass().add("viewer-filter-message");
        plot.setId("filter-response");
        fsLabel.getStyleClass().add("viewer-muted");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Type"), type);
        form.addRow(1, new Label("Order"), order);
        form.addRow(2, new Label("Edge 1 (Hz)"), f1);
        form.addRow(3, new Label("Edge 2 (Hz)"), f2);
        form.addRow(4, new Label("Phase in"), phaseUnits);
        HBox buttons = new HBox(8, apply, remove);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().addAll(title, fsLabel, form, message, plot, replace, buttons);

        type.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                switch (b) {
                    case LOWPASS -> f1.setText("40");
                    case HIGHPASS -> f1.setText("0.5");
                    case BANDPASS -> {
                        f1.setText("0.5");
                        f2.setText("40");
                    }
                    case BANDSTOP -> {
                        f1.setText("58");
                        f2.setText("62");
                    }
                }
            }
            update();
        });
        order.valueProperty().addListener((o, a, b) -> update());
        f1.textProperty().addListener((o, a, b) -> update());
        f2.textProperty().addListener((o, a, b) -> update());
        phaseUnits.valueProperty().addListener((o, a, b) -> update());
        replace.selectedProperty().addListener((o, a, b) -> update());
        apply.setOnAction(e -> {
            if (design != null) {
                onApply.accept(design);
            }
        });
        remove.setOnAction(e -> onRemove.run());
        update();
    }

    /** Designs for records sampled at fs Hz from now on. */
    public void setSamplingFrequency(double fs) {
        this.fs = fs;
        update();
    }

    /** The valid design on the panel, or empty when the input is not valid (see {@link #messageProperty()}). */
    public Optional<FilterDesign> design() {
        return Optional.ofNullable(design);
    }

    /** The panel's message: why the input is not valid, or a note on the design; "" when nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return messageText.getReadOnlyProperty();
    }

    /** Called with the design when the user presses "Apply to view". */
    public void setOnApply(Consumer<FilterDesign> action) {
        this.onApply = action;
    }

    /** Called when the user presses "Remove". */
    public void setOnRemove(Runnable action) {
        this.onRemove = action;
    }

    /** Tells the panel whether a filter is applied, so that "Remove" is enabled only then. */
    public void setApplied(boolean applied) {
        remove.setDisable(!applied);
    }

    void setPalette(Palette p) {
        plot.palette = p;
        plot.redraw();
    }

    /** Validates the input, designs the filter and redraws its response; reports problems in the panel. */
    private void update() {
        fsLabel.setText(String.format(Locale.ROOT, "fs = %s Hz, Nyquist %s Hz", trim(fs), trim(fs / 2)));
        BandType t = type.getValue();
        boolean band = t != null && t.isBand();
        f2.setDisable(!band);
        design = null;
        String problem = validate(t, band);
        if (problem != null) {
            fail(problem);
            return;
        }
        double[] edges = band ? new double[] {parse(f1), parse(f2)} : new double[] {parse(f1)};
        int n = order.getValue();
        try {
            TransferFunction tf = Butter.ba(n, edges, t, fs);
            Freqz.Response r = Freqz.of(tf, POINTS, fs);
            for (double v : r.magnitude()) {
                if (!Double.isFinite(v)) {
                    fail("This design is numerically unstable in (b, a) form; lower the order or widen the band.");
                    return;
                }
            }
            design = new FilterDesign(n, edges, t, fs, tf, replace.isSelected());
            plot.show(r, fs, edges, "degrees".equals(phaseUnits.getValue()));
            String note = band && n > 4 ? "Order " + n + " band filter: " + 2 * n
                    + " poles in (b, a) form; if the response looks ragged, lower the order." : "";
            setMessage(note, false);
            apply.setDisable(false);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private String validate(BandType t, boolean band) {
        if (t == null) {
            return "Choose a filter type.";
        }
        Integer n = order.getValue();
        if (n == null || n < 1) {
            return "Order must be at least 1.";
        }
        double nyq = fs / 2;
        double a = parse(f1);
        if (Double.isNaN(a)) {
            return "Edge 1 is not a number of Hz: \"" + f1.getText() + "\".";
        }
        if (!(a > 0) || !(a < nyq)) {
            return String.format(Locale.ROOT, "Edge 1 must lie between 0 and the Nyquist frequency %s Hz, got %s Hz.",
                    trim(nyq), trim(a));
        }
        if (band) {
            double b = parse(f2);
            if (Double.isNaN(b)) {
                return "Edge 2 is not a number of Hz: \"" + f2.getText() + "\".";
            }
            if (!(b > 0) || !(b < nyq)) {
                return String.format(Locale.ROOT,
                        "Edge 2 must lie between 0 and the Nyquist frequency %s Hz, got %s Hz.", trim(nyq), trim(b));
            }
            if (!(a < b)) {
                return "Edge 1 must be below edge 2.";
            }
        }
        return null;
    }

    private void fail(String why) {
        design = null;
        apply.setDisable(true);
        plot.show(null, fs, new double[0], true);
        setMessage(why, true);
    }

    private void setMessage(String text, boolean error) {
        message.setText(text);
        messageText.set(text);
        message.getStyleClass().remove("error");
        if (error) {
            message.getStyleClass().add("error");
        }
        message.setVisible(!text.isEmpty());
        message.setManaged(!text.isEmpty());
    }

    private static double parse(TextField f) {
        try {
            return Double.parseDouble(f.getText().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The response plot (for tests and export). */
    ResponsePlot plot() {
        return plot;
    }
}
