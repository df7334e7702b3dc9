package org.ecgworkbench.views.prototype;

import java.util.Locale;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ecgworkbench.engine.net.ModelSummary;

/**
 * What the engine builds from the prototype: trainable and DL4J parameter counts, the layer table, a spinner while a
 * build runs, and a note (with the table dimmed) while the form holds an invalid value and the table shows the last
 * valid prototype.
 */
final class NetworkPane extends VBox {

    private final LayerTable layers = new LayerTable();
    private final Label params = new Label("\u2013");
    private final Label detail = new Label();
    private final Label staleNote = new Label("Showing the last valid prototype.");

    /** busy: whether a summary is pending or being built (shows the spinner). */
    NetworkPane(ObservableBooleanValue busy) {
        super(6);
        params.setId("prototype-params");
        params.getStyleClass().add("prototype-params");
        detail.setId("prototype-params-detail");
        detail.getStyleClass().add("prototype-params-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        staleNote.setId("prototype-layers-note");
        staleNote.getStyleClass().add("prototype-layers-note");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("prototype-busy");
        spinner.setPrefSize(18, 18);
        spinner.setMaxSize(18, 18);
        spinner.visibleProperty().bind(busy);
        HBox totals = new HBox(8, params, spinner);
        totals.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(layers, Priority.ALWAYS);
        getChildren().setAll(totals, detail, staleNote, layers);
        setStale(false);
    }

    /** Shows a summary: counts and rows. */
    void show(ModelSummary s) {
        layers.show(s);
        params.setText(String.format(Locale.ROOT, "%,d trainable parameters", s.trainable()));
        detail.setText(String.format(Locale.ROOT, "%,d as DL4J counts them, with %,d batch-norm running"
                + " statistics \u00b7 %d layers and vertices", s.total(), s.runningStats(), s.rows().size()));
    }

    /** Shows no network, with the reason in the table and under the counts (empty: none). */
    void clear(String tableMessage, String why) {
        layers.clear(tableMessage);
        params.setText("\u2013");
        detail.setText(why);
    }

    /** Marks the table as describing the last valid prototype rather than the form's current values. */
    void setStale(boolean stale) {
        staleNote.setVisible(stale);
        staleNote.setManaged(stale);
        layers.setOpacity(stale ? 0.55 : 1);
    }
}
