package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import org.ecgworkbench.engine.net.Prototype;

/**
 * How the filters are given: by a growth rule (base_filters, growth) or listed per block (filters). The schema
 * allows one or the other; switching converts the last valid prototype's filters so the network does not change.
 */
final class FiltersModeEditor extends FieldEditor {

    static final String RULE = "growth rule";
    static final String LISTED = "one value per block";

    private final ComboBox<String> mode = new ComboBox<>();
    private final Supplier<Prototype> lastValid;

    /** lastValid gives the latest valid prototype (or null), whose filters a switch keeps. */
    FiltersModeEditor(FieldSpec spec, Supplier<Prototype> lastValid) {
        super(spec);
        this.lastValid = lastValid;
        mode.getItems().setAll(RULE, LISTED);
        mode.setMaxWidth(Double.MAX_VALUE);
        mode.valueProperty().addListener((obs, old, now) -> {
            if (now != null && old != null) {
                commit(root -> convert(root, LISTED.equals(now)));
            }
        });
    }

    /** Whether the document lists the filters. */
    static boolean listed(ObjectNode root) {
        JsonNode f = root.get("filters");
        return f != null && !f.isNull();
    }

    private void convert(ObjectNode root, boolean toListed) {
        Prototype p = lastValid.get();
        List<Integer> filters = p == null ? List.of(16) : p.filters();
        if (toListed) {
            root.remove("base_filters");
            root.remove("growth");
            ArrayNode list = root.putArray("filters");
            filters.forEach(list::add);
        } else {
            root.remove("filters");
            root.put("base_filters", filters.get(0));
        }
    }

    @Override
    Node control() {
        return mode;
    }

    @Override
    void render(ObjectNode root) {
        mode.setValue(listed(root) ? LISTED : RULE);
    }
}
