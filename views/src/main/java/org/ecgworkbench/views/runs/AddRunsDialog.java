package org.ecgworkbench.views.runs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks for prototype files, a packed dataset and overrides: one queued run per prototype. */
public final class AddRunsDialog extends Dialog<AddRunsRequest> {

    private final ListView<Path> prototypes = new ListView<>();
    private final TextField dataset = new TextField();
    private final TextArea overrides = new TextArea();

    /** A dialog over owner whose prototype chooser starts in templates (may be null). */
    public AddRunsDialog(Window owner, Path templates) {
        initOwner(owner);
        setTitle("Add runs");
        setHeaderText("One run per prototype file, each with the same overrides");
        prototypes.setId("add-prototypes");
        prototypes.setPrefHeight(120);
        dataset.setId("add-dataset");
        dataset.setPromptText("packed dataset (.h5, written by pack)");
        overrides.setId("add-overrides");
        overrides.setPromptText("one KEY=VALUE per line, e.g.\nepochs=20\noptimizer.learning_rate=0.0005");
        overrides.setPrefRowCount(4);

        Button choosePrototypes = new Button("Choose…");
        choosePrototypes.setId("add-choose-prototypes");
        choosePrototypes.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Prototype files");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Prototype (JSON)", "*.json"));
            if (templates != null && Files.isDirectory(templates)) {
                fc.setInitialDirectory(templates.toFile());
            }
            List<File> files = fc.showOpenMultipleDialog(getDialogPane().getScene().getWindow());
            if (files != null) {
                files.stream().map(File::toPath).filter(p -> !prototypes.getItems().contains(p))
                        .forEach(prototypes.getItems()::add);
            }
        });
        Button removePrototype = new Button("Remove");
        removePrototype.disableProperty().bind(prototypes.getSelectionModel().selectedItemProperty().isNull());
        removePrototype.setOnAction(e -> prototypes.getItems().remove(prototypes.getSelectionModel().getSelectedItem()));
        Button chooseDataset = new Button("Choose…");
        chooseDataset.setId("add-choose-dataset");
        chooseDataset.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Packed dataset");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Dataset (HDF5)", "*.h5"));
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                dataset.setText(f.getAbsolutePath());
            }
        });

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.add(new Label("Prototypes"), 0, 0);
        g.add(prototypes, 1, 0);
        g.add(new javafx.scene.layout.VBox(6, choosePrototypes, removePrototype), 2, 0);
        g.add(new Label("Dataset"), 0, 1);
        g.add(dataset, 1, 1);
        g.add(chooseDataset, 2, 1);
        g.add(new Label("Overrides"), 0, 2);
        g.add(overrides, 1, 2, 2, 1);
        GridPane.setHgrow(prototypes, Priority.ALWAYS);
        GridPane.setHgrow(dataset, Priority.ALWAYS);
        getDialogPane().setContent(g);
        getDialogPane().setPrefWidth(640);
        ButtonType add = new ButtonType("Queue", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        getDialogPane().lookupButton(add).disableProperty().bind(
                javafx.beans.binding.Bindings.isEmpty(prototypes.getItems()).or(dataset.textProperty().isEmpty()));
        setResultConverter(b -> b == add ? request() : null);
    }

    /** The request as filled in so far. */
    AddRunsRequest request() {
        List<String> sets = new ArrayList<>();
        for (String line : overrides.getText().split("\n")) {
            if (!line.isBlank()) {
                sets.add(line.strip());
            }
        }
        return new AddRunsRequest(prototypes.getItems(), Path.of(dataset.getText().strip()), sets);
    }
}
