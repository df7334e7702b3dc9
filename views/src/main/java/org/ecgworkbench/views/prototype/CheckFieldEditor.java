package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;

/** A true/false field (batch_norm); an absent field shows its default. */
final class CheckFieldEditor extends FieldEditor {

    private final CheckBox check;
    private final boolean defaultValue;

    /** A check box with the given text and the engine's default for an absent field. */
    CheckFieldEditor(FieldSpec spec, String text, boolean defaultValue) {
        super(spec);
        this.defaultValue = defaultValue;
        check = new CheckBox(text);
        check.selectedProperty().addListener((obs, old, now) ->
                commit(root -> JsonDocument.set(root, spec.path(), BooleanNode.valueOf(now))));
    }

    @Override
    Node control() {
        return check;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        check.setSelected(v == null || v.isNull() ? defaultValue : v.asBoolean());
    }
}
