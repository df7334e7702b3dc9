package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.ecgworkbench.engine.net.Prototype;

/**
 * A read-only line of the form with a value the engine derives from the fields above it (filters per block,
 * window length in samples), refreshed with every valid prototype.
 */
final class DerivedRow extends FieldEditor {

    private final Label value = new Label();
    private final Function<Prototype, String> derive;

    /** A row labelled as spec says whose text is derive(prototype); its id is "derived-" and the path. */
    DerivedRow(FieldSpec spec, Function<Prototype, String> derive) {
        super(spec);
        this.derive = derive;
        value.getStyleClass().add("field-derived");
        value.setWrapText(true);
    }

    @Override
    String id() {
        return "derived-" + spec().path().replace('.', '-');
    }

    @Override
    Node control() {
        return value;
    }

    @Override
    void render(ObjectNode root) {
    }

    @Override
    void validated(Prototype p) {
        value.setText(derive.apply(p));
    }
}
