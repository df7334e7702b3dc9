package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.engine.net.PrototypeException;

/**
 * The prototype as a form: one titled section per category of {@link PrototypeFields}, each field with its label,
 * editor, description and (when the engine refuses it) the engine's message in place.
 */
final class PrototypeForm extends VBox {

    private final Map<String, FieldEditor> editors = new LinkedHashMap<>();

    /** A form whose edits go to sink; lastValid gives the latest valid prototype or null. */
    PrototypeForm(FieldEditor.Sink sink, Supplier<Prototype> lastValid) {
        super(8);
        getStyleClass().add("prototype-form");
        setPadding(new Insets(8));
        for (PrototypeFields.Section section : PrototypeFields.sections(lastValid)) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("prototype-section-grid");
            grid.setHgap(10);
            grid.setVgap(2);
            ColumnConstraints labels = new ColumnConstraints(112);
            labels.setHalignment(HPos.RIGHT);
            ColumnConstraints fields = new ColumnConstraints(160, 320, Double.MAX_VALUE);
            fields.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().setAll(labels, fields);
            Label about = new Label(section.description());
            about.getStyleClass().add("section-description");
            about.setWrapText(true);
            GridPane.setHalignment(about, HPos.LEFT);
            grid.add(about, 0, 0, 2, 1);
            int row = 1;
            for (FieldEditor editor : section.editors()) {
                editor.setSink(sink);
                editor.control().setId(editor.id());
                editors.put(editor.spec().path(), editor);
                Label label = new Label(editor.spec().label());
                label.getStyleClass().add("field-label");
                label.setLabelFor(editor.control());
                GridPane.setValignment(label, VPos.TOP);
                label.setPadding(new Insets(4, 0, 0, 0));
                GridPane.setMargin(label, new Insets(6, 0, 0, 0));
                GridPane.setMargin(editor.node(), new Insets(6, 0, 0, 0));
                grid.add(label, 0, row);
                grid.add(editor.node(), 1, row++);
                grid.add(editor.errorLabel(), 1, row++);
                if (!editor.spec().description().isEmpty()) {
                    Label help = new Label(editor.spec().description());
                    help.getStyleClass().add("field-description");
                    help.setWrapText(true);
                    grid.add(help, 1, row++);
                }
                editor.clearError();
            }
            TitledPane pane = new TitledPane(section.title(), grid);
            pane.getStyleClass().add("prototype-section");
            pane.setId("section-" + section.title().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            getChildren().add(pane);
        }
    }

    /** Shows the document in every editor. */
    void render(ObjectNode root) {
        editors.values().forEach(e -> e.show(root));
    }

    /** Refreshes the derived rows from a valid prototype. */
    void validated(Prototype p) {
        editors.values().forEach(e -> e.validated(p));
    }

    /** Removes every field's invalid mark. */
    void clearErrors() {
        editors.values().forEach(FieldEditor::clearError);
    }

    /**
     * Marks the field the engine refused (clearing the others) with "field: reason"; returns the editor, or empty
     * when no editor shows that field (an unknown field typed in the JSON, a document-wide error).
     */
    Optional<FieldEditor> showError(PrototypeException e) {
        clearErrors();
        Optional<FieldEditor> editor = editorFor(e.field());
        editor.ifPresent(ed -> ed.showError(PrototypeEditor.describe(e)));
        return editor;
    }

    /** The editor of a JSON path, if the form has one ("features", "optimizer.learning_rate"). */
    Optional<FieldEditor> editor(String path) {
        return Optional.ofNullable(editors.get(path));
    }

    /** The fields marked invalid. */
    List<FieldEditor> invalid() {
        List<FieldEditor> out = new ArrayList<>();
        editors.values().stream().filter(FieldEditor::hasError).forEach(out::add);
        return out;
    }

    /**
     * The editor showing an error of the given field path: the field itself without list index
     * ("input.channels[0]" to "input.channels"), else its nearest parent with an editor, else its first child with
     * one ("growth" to "growth.every").
     */
    Optional<FieldEditor> editorFor(String field) {
        if (field == null || field.isEmpty()) {
            return Optional.empty();
        }
        String path = field.replaceAll("\\[\\d+]", "");
        for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            FieldEditor e = editors.get(p);
            if (e != null && !(e instanceof DerivedRow)) {
                return Optional.of(e);
            }
            String prefix = p + ".";
            for (FieldEditor child : editors.values()) {
                if (child.spec().path().startsWith(prefix)) {
                    return Optional.of(child);
                }
            }
        }
        return Optional.empty();
    }
}
