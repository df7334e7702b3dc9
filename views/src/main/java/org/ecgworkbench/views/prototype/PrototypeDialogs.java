package org.ecgworkbench.views.prototype;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The editor's dialogs: choosing prototype files, the unsaved-changes question, errors. */
final class PrototypeDialogs {

    private PrototypeDialogs() {
    }

    /** Asks for a prototype file to open, starting in dir (may be null); null when cancelled. */
    static Path chooseOpen(Window owner, Path dir) {
        File f = chooser("Open prototype", dir).showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** Asks for a file to save to, starting in dir with the given file name; null when cancelled. */
    static Path chooseSave(Window owner, Path dir, String fileName) {
        FileChooser c = chooser("Save prototype", dir);
        c.setInitialFileName(fileName);
        File f = c.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** "Save the changes to document?" with Save, Discard changes and Cancel (closing the dialog cancels). */
    static PrototypeEditor.DiscardAnswer askDiscard(Window owner, String document) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Your edits of this prototype are not saved yet.",
                save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save the changes to " + document + "?");
        alert.initOwner(owner);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? PrototypeEditor.DiscardAnswer.SAVE
                : answer == discard ? PrototypeEditor.DiscardAnswer.DISCARD : PrototypeEditor.DiscardAnswer.CANCEL;
    }

    /** Shows an error (not waiting for it to be closed) when the editor is in a showing window. */
    static void error(Window owner, String what, String message) {
        if (owner != null && owner.isShowing()) {
            Alert alert = new Alert(Alert.AlertType.ERROR, message);
            alert.setHeaderText(what);
            alert.initOwner(owner);
            alert.show();
        }
    }

    private static FileChooser chooser(String title, Path dir) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Prototype (*.json)", "*.json"));
        if (dir != null && Files.isDirectory(dir)) {
            c.setInitialDirectory(dir.toFile());
        }
        return c;
    }
}
