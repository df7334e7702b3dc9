package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;

/** A field with a few allowed words (family, pooling, optimiser); a value the engine does not know is shown as is. */
final class ChoiceFieldEditor extends FieldEditor {

    private final ComboBox<String> box = new ComboBox<>();
    private final List<String> options;

    /** Offers the options; an absent field shows the hint (its default). */
    ChoiceFieldEditor(FieldSpec spec, List<String> options) {
        super(spec);
        this.options = List.copyOf(options);
        box.getItems().setAll(options);
        box.setPromptText(spec.hint());
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                commit(root -> JsonDocument.set(root, spec.path(), new TextNode(now)));
            }
        });
    }

    @Override
    Node control() {
        return box;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        String value = v == null || v.isNull() ? null : JsonDocument.toText(v);
        if (value != null && !options.contains(value)) {
            box.getItems().setAll(options);
            box.getItems().add(value);
        }
        box.setValue(value);
    }
}
