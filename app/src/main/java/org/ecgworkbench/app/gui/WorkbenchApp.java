package org.ecgworkbench.app.gui;

import java.util.ArrayList;
import java.util.List;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.backend.Backend;
import org.ecgworkbench.views.CapabilitiesView;
import picocli.CommandLine;

/** The workbench window. Until the recording browser and viewer land, it lists what the CLI can do. */
public final class WorkbenchApp extends Application {

    /** Window title. */
    public static final String TITLE = "ECG Workbench";

    @Override
    public void start(Stage stage) {
        CapabilitiesView view = new CapabilitiesView(TITLE,
                "Deep learning on ECG recordings. The window's recording browser, signal viewer and training "
                        + "dashboards are on their way; today every feature runs as a command: "
                        + "java -jar app/target/ecg-workbench.jar COMMAND --help",
                capabilities(new CommandLine(new Main()), ""));
        Scene scene = new Scene(view, 1100, 640);
        var css = WorkbenchApp.class.getResource("/styles/workbench.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.show();
        // ND4J loads a large native library: never on the FX thread.
        Thread probe = new Thread(() -> {
            String text;
            try {
                text = Backend.active().toString();
            } catch (RuntimeException | LinkageError e) {
                text = "unavailable (" + e.getMessage() + ")";
            }
            String shown = text;
            Platform.runLater(() -> view.setBackend(shown));
        }, "backend-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** Every leaf command under cmd (e.g. "bench filtfilt") with its one-line description. */
    static List<CapabilitiesView.Capability> capabilities(CommandLine cmd, String prefix) {
        List<CapabilitiesView.Capability> out = new ArrayList<>();
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandSpec().name().equals(name)) {
                return;
            }
            String full = prefix.isEmpty() ? name : prefix + " " + name;
            if (sub.getSubcommands().isEmpty()) {
                String[] d = sub.getCommandSpec().usageMessage().description();
                out.add(new CapabilitiesView.Capability(full, d.length == 0 ? "" : d[0]));
            } else {
                out.addAll(capabilities(sub, full));
            }
        });
        return out;
    }
}
