package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckListView;
import org.ecgworkbench.engine.features.RecordFeatures;

/**
 * features: the fixed-feature entry, a check list of the dataset features the engine computes
 * ({@link RecordFeatures#NAMES}), with "all" and "none" and a count. Ticked features keep the order of the list.
 */
final class FeaturesEditor extends FieldEditor {

    private final CheckListView<String> list = new CheckListView<>();
    private final Label count = new Label();
    private final VBox box;

    FeaturesEditor(FieldSpec spec) {
        super(spec);
        list.getItems().setAll(RecordFeatures.NAMES);
        list.setPrefHeight(150);
        Button all = new Button("All");
        all.setId(spec.id() + "-all");
        all.setOnAction(e -> list.getCheckModel().checkAll());
        all.setMinWidth(Region.USE_PREF_SIZE);
        Button none = new Button("None");
        none.setId(spec.id() + "-none");
        none.setOnAction(e -> list.getCheckModel().clearChecks());
        none.setMinWidth(Region.USE_PREF_SIZE);
        count.setMinWidth(0);
        count.getStyleClass().add("field-derived");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, count, gap, all, none);
        bar.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(4, list, bar);
        list.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            updateCount();
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            for (String name : RecordFeatures.NAMES) {
                if (list.getCheckModel().isChecked(name)) {
                    names.add(name);
                }
            }
            commit(root -> JsonDocument.set(root, spec.path(), names));
        });
        updateCount();
    }

    private void updateCount() {
        int n = list.getCheckModel().getCheckedItems().size();
        count.setText(n == 0 ? "none: the signal only" : n + " of " + RecordFeatures.NAMES.size() + " selected");
    }

    @Override
    Node control() {
        return list;
    }

    @Override
    Node node() {
        return box;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        List<String> chosen = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> chosen.add(e.asText()));
        }
        for (String name : RecordFeatures.NAMES) {
            if (chosen.contains(name) != list.getCheckModel().isChecked(name)) {
                if (chosen.contains(name)) {
                    list.getCheckModel().check(name);
                } else {
                    list.getCheckModel().clearCheck(name);
                }
            }
        }
        updateCount();
    }
}
