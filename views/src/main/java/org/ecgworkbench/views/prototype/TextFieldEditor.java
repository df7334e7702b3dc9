package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;

/** A field typed as text: numbers, names, comma-separated lists; the text's JSON goes to the engine as typed. */
final class TextFieldEditor extends FieldEditor {

    private final TextInputControl text;
    private final JsonDocument.Conversion conversion;

    /** A one-line editor (or a wrapped three-line one for long free text). */
    TextFieldEditor(FieldSpec spec, JsonDocument.Conversion conversion, boolean multiline) {
        super(spec);
        this.conversion = conversion;
        if (multiline) {
            TextArea area = new TextArea();
            area.setWrapText(true);
            area.setPrefRowCount(4);
            text = area;
        } else {
            text = new TextField();
        }
        text.setPromptText(spec.hint());
        text.textProperty().addListener((obs, old, now) ->
                commit(root -> JsonDocument.set(root, spec.path(), JsonDocument.fromText(now, conversion))));
    }

    @Override
    Node control() {
        return text;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode value = JsonDocument.get(root, spec().path());
        JsonNode typed = JsonDocument.fromText(text.getText(), conversion);
        boolean absent = value == null || value.isNull();
        // Keeps the user's spelling ("1e-3" stays "1e-3") when it means the value shown.
        if (absent ? typed != null && !(typed.isArray() && typed.isEmpty()) : !Objects.equals(value, typed)) {
            text.setText(JsonDocument.toText(value));
        }
    }
}
