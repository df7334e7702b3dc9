package org.ecgworkbench.views.prototype;

/**
 * What the form says about one prototype field.
 *
 * @param path        dotted JSON path ("optimizer.learning_rate"), also the key of the engine's error messages
 * @param label       short label shown before the editor
 * @param description one or two sentences shown under the editor: meaning, unit, effect
 * @param hint        the default or an example, shown greyed in an empty editor ("" for none)
 */
record FieldSpec(String path, String label, String description, String hint) {

    /** The control id of this field's editor: "field-" and the path with dots as dashes ("field-input-seconds"). */
    String id() {
        return "field-" + path.replace('.', '-');
    }
}
