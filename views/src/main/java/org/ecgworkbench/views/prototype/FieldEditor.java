package org.ecgworkbench.views.prototype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.ecgworkbench.engine.net.Prototype;

/**
 * One row of the prototype form: an editor control for a JSON field, its description, and the place where the
 * engine's refusal of the field is shown. Subclasses translate between the control and the JSON tree.
 */
abstract class FieldEditor {

    /** Applies an edit to the document; the form validates and re-renders after it. */
    interface Sink {
        /** Changes the JSON tree on behalf of the given editor. */
        void edit(FieldEditor source, Consumer<ObjectNode> change);
    }

    private final FieldSpec spec;
    /** ControlsFX's error icon (with the message as tooltip) at the refused control. */
    private static final GraphicValidationDecoration DECORATION = new GraphicValidationDecoration();

    private final Label error = new Label();
    private Sink sink = (source, change) -> { };
    private Predicate<ObjectNode> enabledWhen = root -> true;
    private boolean showing;

    FieldEditor(FieldSpec spec) {
        this.spec = spec;
        error.getStyleClass().add("field-error");
        error.setId("error-" + spec.path().replace('.', '-'));
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
    }

    /** The field this edits. */
    final FieldSpec spec() {
        return spec;
    }

    /** The control that takes the field's id and its invalid decoration. */
    abstract Node control();

    /** Shows the tree's value of the field (absent: the default, as hint) without reporting an edit. */
    abstract void render(ObjectNode root);

    /** Called with every valid prototype, for editors that show derived values (filters per block, samples). */
    void validated(Prototype p) {
    }

    /** The node laid out in the form's editor column: the control, by default. */
    Node node() {
        return control();
    }

    /** The label showing the engine's message for this field (hidden while the field is valid). */
    final Label errorLabel() {
        return error;
    }

    /** Where edits go. */
    final void setSink(Sink sink) {
        this.sink = sink;
    }

    /** Disables the editor unless the document satisfies the condition (e.g. momentum only for SGD). */
    final FieldEditor enabledWhen(Predicate<ObjectNode> condition) {
        this.enabledWhen = condition;
        return this;
    }

    /** Renders the tree's value and enablement; edits made by the control meanwhile are not reported. */
    final void show(ObjectNode root) {
        showing = true;
        try {
            render(root);
            node().setDisable(!enabledWhen.test(root));
        } finally {
            showing = false;
        }
    }

    /** Reports an edit from the user, unless the value is being rendered. */
    final void commit(Consumer<ObjectNode> change) {
        if (!showing) {
            sink.edit(this, change);
        }
    }

    /** Marks the field invalid with the engine's message ("blocks: must be an integer in [1, 64], got 0"). */
    final void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
        if (!control().getStyleClass().contains("field-invalid")) {
            control().getStyleClass().add("field-invalid");
        }
        if (control() instanceof Control c) {
            DECORATION.removeDecorations(c);
            DECORATION.applyValidationDecoration(ValidationMessage.error(c, message));
            c.setTooltip(new Tooltip(message));
        }
    }

    /** Removes the invalid mark. */
    final void clearError() {
        boolean was = error.isVisible();
        error.setVisible(false);
        error.setManaged(false);
        control().getStyleClass().remove("field-invalid");
        if (control() instanceof Control c) {
            if (was) {
                DECORATION.removeDecorations(c);
            }
            c.setTooltip(spec.description().isEmpty() ? null : new Tooltip(spec.description()));
        }
    }

    /** Whether the field shows an engine error. */
    final boolean hasError() {
        return error.isVisible();
    }

    /** The id given to the control: the field's ("field-blocks"). */
    String id() {
        return spec.id();
    }
}
