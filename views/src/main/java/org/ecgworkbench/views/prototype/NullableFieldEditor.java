package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;

/**
 * Switches an optional object on or off (early_stopping, suggestions): off writes null, on brings back the object
 * last seen (or a default one), so that switching off and on again loses nothing.
 */
final class NullableFieldEditor extends FieldEditor {

    private final CheckBox check;
    private ObjectNode remembered;

    /** A check box with the given text; onValue is the object written when switched on the first time. */
    NullableFieldEditor(FieldSpec spec, String text, ObjectNode onValue) {
        super(spec);
        this.remembered = onValue;
        check = new CheckBox(text);
        check.selectedProperty().addListener((obs, old, now) ->
                commit(root -> JsonDocument.set(root, spec.path(), now ? remembered.deepCopy() : NullNode.instance)));
    }

    @Override
    Node control() {
        return check;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        boolean on = v != null && !v.isNull();
        if (v instanceof ObjectNode o) {
            remembered = o.deepCopy();
        }
        check.setSelected(on);
    }
}
