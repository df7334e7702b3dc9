package org.ecgworkbench.app;

import java.util.concurrent.Callable;

import org.ecgworkbench.app.cli.BenchCommand;
import org.ecgworkbench.app.cli.ButterCommand;
import org.ecgworkbench.app.cli.ConvertCommand;
import org.ecgworkbench.app.cli.DatasetInfoCommand;
import org.ecgworkbench.app.cli.FeaturesCommand;
import org.ecgworkbench.app.cli.FiltfiltCommand;
import org.ecgworkbench.app.cli.InfoCommand;
import org.ecgworkbench.app.cli.LfilterCommand;
import org.ecgworkbench.app.cli.PackCommand;
import org.ecgworkbench.app.cli.PretrainCommand;
import org.ecgworkbench.app.cli.QrsCommand;
import org.ecgworkbench.app.cli.QrsScoreCommand;
import org.ecgworkbench.app.cli.EvaluateCommand;
import org.ecgworkbench.app.cli.ExportCommand;
import org.ecgworkbench.app.cli.PredictCommand;
import org.ecgworkbench.app.cli.QueueCommand;
import org.ecgworkbench.app.cli.ServeCommand;
import org.ecgworkbench.app.cli.SuggestCommand;
import org.ecgworkbench.app.cli.SummaryCommand;
import org.ecgworkbench.app.cli.SynthCommand;
import org.ecgworkbench.app.cli.TrainCommand;
import org.ecgworkbench.app.gui.WorkbenchApp;
import org.ecgworkbench.engine.backend.OpenMp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: a headless command when one is named, otherwise the workbench window. */
@Command(name = "ecg-workbench",
        mixinStandardHelpOptions = true,
        // every subcommand inherits --help and --version
        scope = CommandLine.ScopeType.INHERIT,
        version = "ECG Workbench 0.1.0",
        description = "Deep learning on ECG recordings. With no command, opens the workbench window.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InfoCommand.class,
                ConvertCommand.class,
                SynthCommand.class,
                ButterCommand.class,
                LfilterCommand.class,
                FiltfiltCommand.class,
                QrsCommand.class,
                QrsScoreCommand.class,
                FeaturesCommand.class,
                PackCommand.class,
                DatasetInfoCommand.class,
                PretrainCommand.class,
                SummaryCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                SuggestCommand.class,
                EvaluateCommand.class,
                ExportCommand.class,
                ServeCommand.class,
                QueueCommand.class,
                BenchCommand.class,
        })
public final class Main implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--open", paramLabel = "PATH",
            description = "Open the window with this record or folder listed (a single record is shown).")
    private java.nio.file.Path open;

    @picocli.CommandLine.Option(names = "--runs", paramLabel = "DIR",
            description = "The window's runs folder (default: runs/ in the working folder, as train and queue use).")
    private java.nio.file.Path runs;

    /** Runs the command named in args, or opens the window when args name none. */
    public static void main(String[] args) {
        // before anything loads ND4J (and with it libgomp, which reads this once): see OpenMp
        OpenMp.passiveWaitUnlessSet();
        int code = new CommandLine(new Main()).execute(args);
        // Also after the window closes: a library's non-daemon thread (Vert.x, ND4J) must not keep the JVM alive.
        System.exit(code);
    }

    @Override
    public Integer call() {
        try {
            java.util.List<String> args = new java.util.ArrayList<>();
            if (open != null) {
                args.add("--open=" + open.toAbsolutePath());
            }
            if (runs != null) {
                args.add("--runs=" + runs.toAbsolutePath());
            }
            javafx.application.Application.launch(WorkbenchApp.class, args.toArray(String[]::new));
            return 0;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("Cannot open the workbench window: " + e.getMessage()
                    + "\nJavaFX needs a display and GTK 3 (Debian/Ubuntu: apt-get install libgtk-3-0)."
                    + " Every feature also runs headless: see --help.");
            return 2;
        }
    }
}
