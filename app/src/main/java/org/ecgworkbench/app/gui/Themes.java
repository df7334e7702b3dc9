package org.ecgworkbench.app.gui;

import javafx.scene.Scene;
import org.ecgworkbench.views.common.WorkbenchPreferences;

/** The workbench's stylesheets: the base one, plus the dark one for dim rooms and projectors. */
final class Themes {

    private Themes() {
    }

    /** Applies theme to scene (replacing the workbench's own sheets, keeping any others). */
    static void apply(Scene scene, WorkbenchPreferences.Theme theme) {
        String base = sheet("/styles/workbench.css");
        String dark = sheet("/styles/workbench-dark.css");
        scene.getStylesheets().removeAll(base, dark);
        scene.getStylesheets().add(base);
        if (theme == WorkbenchPreferences.Theme.DARK) {
            scene.getStylesheets().add(dark);
        }
    }

    private static String sheet(String name) {
        var url = Themes.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing from the application jar");
        }
        return url.toExternalForm();
    }
}
