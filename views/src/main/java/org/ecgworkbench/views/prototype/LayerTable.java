package org.ecgworkbench.views.prototype;

import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.ecgworkbench.engine.net.ModelSummary;

/** The layers of the network a prototype builds: name, DL4J type, output shape per example, parameters. */
final class LayerTable extends TableView<ModelSummary.Row> {

    private final Label placeholder = new Label("Building the network \u2026");

    LayerTable() {
        setId("prototype-layers");
        getStyleClass().add("prototype-layers");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        placeholder.setWrapText(true);
        setPlaceholder(placeholder);
        TableColumn<ModelSummary.Row, String> name = new TableColumn<>("Layer");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(155);
        TableColumn<ModelSummary.Row, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        type.setPrefWidth(135);
        TableColumn<ModelSummary.Row, String> output = new TableColumn<>("Output");
        // The engine writes "16 x 4500"; a multiplication sign reads better on a projector.
        output.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().output().replace(" x ", " \u00d7 ")));
        output.setPrefWidth(90);
        TableColumn<ModelSummary.Row, Long> params = new TableColumn<>("Params");
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().params()));
        params.setPrefWidth(65);
        params.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value == 0 ? "\u2013" : String.format(Locale.ROOT, "%,d", value));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        getColumns().setAll(java.util.List.of(name, type, output, params));
    }

    /** Shows a summary's rows. */
    void show(ModelSummary summary) {
        getItems().setAll(summary.rows());
    }

    /** Empties the table with a message saying why (no classes, a build failure). */
    void clear(String why) {
        getItems().clear();
        placeholder.setText(why);
    }
}
