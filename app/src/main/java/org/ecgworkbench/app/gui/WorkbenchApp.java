package org.ecgworkbench.app.gui;

import java.util.ArrayList;
import java.util.List;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import picocli.CommandLine;

/** The workbench window. */
public final class WorkbenchApp extends Application {

    /** Window title. */
    public static final String TITLE = "ECG Workbench";

    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        WorkbenchPreferences prefs = WorkbenchPreferences.user();
        var named = getParameters().getNamed();
        java.nio.file.Path runs = named.containsKey("runs") ? java.nio.file.Path.of(named.get("runs"))
                : ProjectPaths.runs();
        workbench = new Workbench(stage, prefs, runs);
        if (named.containsKey("open")) {
            workbench.openPath(java.nio.file.Path.of(named.get("open")), true);
        }
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(workbench, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        Themes.apply(scene, prefs.themeProperty().get());
        prefs.themeProperty().addListener((o, a, b) -> Themes.apply(scene, b));
        stage.setTitle(TITLE);
        stage.setScene(scene);
        // Unsaved prototype edits are never lost by closing the window.
        stage.setOnCloseRequest(e -> {
            if (!workbench.confirmClose()) {
                e.consume();
            }
        });
        stage.show();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }

    /** A headless command and its one-line description. */
    public record Capability(String command, String description) {
    }

    /** Every leaf command under cmd (e.g. "bench filtfilt") with its one-line description. */
    static List<Capability> capabilities(CommandLine cmd, String prefix) {
        List<Capability> out = new ArrayList<>();
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandSpec().name().equals(name)) {
                return;
            }
            String full = prefix.isEmpty() ? name : prefix + " " + name;
            if (sub.getSubcommands().isEmpty()) {
                String[] d = sub.getCommandSpec().usageMessage().description();
                out.add(new Capability(full, d.length == 0 ? "" : d[0]));
            } else {
                out.addAll(capabilities(sub, full));
            }
        });
        return out;
    }
}
