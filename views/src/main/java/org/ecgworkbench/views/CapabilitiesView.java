package org.ecgworkbench.views;

import java.util.List;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The first window: what the workbench can already do (its headless commands, each with its one-line
 * description), and a status bar with the active compute backend. Later views replace the centre.
 */
public final class CapabilitiesView extends BorderPane {

    /** One thing the workbench can do: the command that does it and what it does. */
    public record Capability(String command, String description) {
    }

    private final Label backend = new Label("Backend: starting ND4J ...");
    private final TableView<Capability> table = new TableView<>();

    /** A view listing the given capabilities under a title and an explanation of how to run them. */
    public CapabilitiesView(String title, String usage, List<Capability> capabilities) {
        getStyleClass().add("capabilities");
        Label heading = new Label(title);
        heading.getStyleClass().add("heading");
        Label how = new Label(usage);
        how.setWrapText(true);
        how.getStyleClass().add("usage");
        VBox top = new VBox(6, heading, how);
        top.setPadding(new Insets(16, 16, 8, 16));
        setTop(top);

        TableColumn<Capability, String> command = new TableColumn<>("Command");
        command.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().command()));
        command.setPrefWidth(170);
        TableColumn<Capability, String> description = new TableColumn<>("What it does");
        description.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().description()));
        description.prefWidthProperty().bind(table.widthProperty().subtract(command.widthProperty()).subtract(4));
        // Long descriptions are cut at the column's edge; the whole text shows on hover.
        description.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        table.getColumns().add(command);
        table.getColumns().add(description);
        table.getItems().setAll(capabilities);
        table.setId("capabilities");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        BorderPane.setMargin(table, new Insets(0, 16, 8, 16));
        setCenter(table);

        backend.setId("backend");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox status = new HBox(8, backend, spring);
        status.getStyleClass().add("status-bar");
        status.setPadding(new Insets(4, 16, 4, 16));
        setBottom(status);
    }

    /** Shows the active backend (e.g. "CPU, linux-x86_64-avx512") in the status bar; call on the FX thread. */
    public void setBackend(String text) {
        backend.setText("Backend: " + text);
    }

    /** The table of capabilities, for tests and later wiring. */
    public TableView<Capability> table() {
        return table;
    }
}
