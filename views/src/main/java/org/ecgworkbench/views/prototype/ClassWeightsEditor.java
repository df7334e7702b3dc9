package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** class_weights: "none", "balanced", or one weight per class typed as a comma-separated list. */
final class ClassWeightsEditor extends FieldEditor {

    private static final String LISTED = "listed";
    private final ComboBox<String> mode = new ComboBox<>();
    private final TextField weights = new TextField();
    private final HBox box;

    ClassWeightsEditor(FieldSpec spec) {
        super(spec);
        mode.getItems().setAll("none", "balanced", LISTED);
        mode.setPromptText("none");
        weights.setId(spec.id() + "-list");
        weights.setPromptText("one per class, e.g. 2.6, 1.0, 1.5, 4.2");
        HBox.setHgrow(weights, Priority.ALWAYS);
        box = new HBox(6, mode, weights);
        mode.valueProperty().addListener((obs, old, now) -> {
            weights.setDisable(!LISTED.equals(now));
            if (now != null) {
                commit(root -> JsonDocument.set(root, spec.path(), LISTED.equals(now)
                        ? listed(root, weights.getText()) : new TextNode(now)));
            }
        });
        weights.textProperty().addListener((obs, old, now) -> {
            if (LISTED.equals(mode.getValue())) {
                commit(root -> JsonDocument.set(root, spec.path(), listed(root, now)));
            }
        });
    }

    /** The typed weights, or weight 1 for every class listed when nothing is typed yet. */
    private static JsonNode listed(ObjectNode root, String text) {
        if (!text.isBlank()) {
            return JsonDocument.fromText(text, JsonDocument.Conversion.NUMBERS);
        }
        ArrayNode ones = JsonNodeFactory.instance.arrayNode();
        JsonNode classes = root.get("classes");
        for (int i = 0; classes != null && i < classes.size(); i++) {
            ones.add(1.0);
        }
        return ones;
    }

    @Override
    Node control() {
        return mode;
    }

    @Override
    Node node() {
        return box;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        if (v == null || v.isNull()) {
            mode.setValue(null);
        } else if (v.isArray()) {
            mode.setValue(LISTED);
            if (!v.equals(JsonDocument.fromText(weights.getText(), JsonDocument.Conversion.NUMBERS))) {
                weights.setText(JsonDocument.toText(v));
            }
        } else {
            mode.setValue(v.asText());
        }
        weights.setDisable(!LISTED.equals(mode.getValue()));
    }
}
