package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.FlowPane;
import org.ecgworkbench.engine.net.Prototype;

/**
 * input.channels: one check box per signal channel the engine can compute ({@link Prototype#CHANNELS}). The order
 * of the list is the order of the network's input channels, so channels already chosen keep their place and a newly
 * ticked one is appended.
 */
final class ChannelsEditor extends FieldEditor {

    private final FlowPane pane = new FlowPane(12, 6);
    private final Map<String, CheckBox> boxes = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    ChannelsEditor(FieldSpec spec) {
        super(spec);
        for (String channel : Prototype.CHANNELS) {
            CheckBox box = new CheckBox(channel);
            box.setId(spec.id() + "-" + channel);
            boxes.put(channel, box);
            pane.getChildren().add(box);
            box.selectedProperty().addListener((obs, old, now) -> {
                order.remove(channel);
                if (now) {
                    order.add(channel);
                }
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                order.forEach(list::add);
                commit(root -> JsonDocument.set(root, spec.path(), list));
            });
        }
    }

    @Override
    Node control() {
        return pane;
    }

    @Override
    void render(ObjectNode root) {
        JsonNode v = JsonDocument.get(root, spec().path());
        order.clear();
        if (v == null || v.isNull()) {
            order.add("raw");
        } else if (v.isArray()) {
            v.forEach(e -> order.add(e.asText()));
        }
        List<String> chosen = List.copyOf(order);
        boxes.forEach((name, box) -> box.setSelected(chosen.contains(name)));
        order.retainAll(chosen);
    }
}
