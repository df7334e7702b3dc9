package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.Scheduler;
import org.ecgworkbench.engine.queue.Slot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** queue run: the scheduler; runs queued runs N at a time, each in a child JVM with its device share. */
@Command(name = "run", description = "Runs the queue: up to --slots runs at a time, each in its own child JVM "
        + "(output in RUN_DIR/train.log) with cores/slots CPU threads, or one GPU each with --gpus. First resumes runs "
        + "a crashed scheduler left behind. Exits when nothing is queued or running, unless --wait.")
public final class QueueRunCommand implements Callable<Integer> {

    @Option(names = "--slots", defaultValue = "1", paramLabel = "N", description = "Runs at a time (default 1).")
    int slots;

    @Option(names = "--wait", description = "Keep running and polling for new entries when the queue is empty.")
    boolean waitForMore;

    @Option(names = "--gpus", split = ",", paramLabel = "INDEX",
            description = "CUDA device indices (a -Pcuda build): slot k sees GPU k modulo their number through "
                    + "CUDA_VISIBLE_DEVICES. Default: none (CPU).")
    List<String> gpus = List.of();

    @Option(names = "--cores", paramLabel = "N",
            description = "CPU cores to share among the slots (default: all the JVM sees).")
    Integer cores;

    @Option(names = "--jvm-arg", paramLabel = "OPT",
            description = "Extra option for the child JVMs (e.g. --jvm-arg=-Xmx8g); repeatable.")
    List<String> jvmArgs = List.of();

    @Option(names = "--poll-seconds", defaultValue = "2", paramLabel = "S",
            description = "How often the queue and the children are looked at (default 2).")
    double pollSeconds;

    @Option(names = "--stop-grace-seconds", defaultValue = "120", paramLabel = "S",
            description = "How long a run asked to stop (cancel, shutdown) may take to checkpoint before it is killed "
                    + "(default 120).")
    double stopGraceSeconds;

    @Mixin
    RunsOption runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (slots < 1 || pollSeconds <= 0 || stopGraceSeconds < 0) {
            return Cli.fail(err, new IllegalArgumentException("--slots must be >= 1, --poll-seconds > 0 and "
                    + "--stop-grace-seconds >= 0"), 2);
        }
        Thread hook = null;
        try {
            RunQueue q = RunQueue.open(runs.runs);
            LocalExecutor x = new LocalExecutor(LocalExecutor.Launch.ofThisJvm(Main.class.getName(), jvmArgs), slots,
                    cores != null ? cores : Runtime.getRuntime().availableProcessors(), gpus);
            Duration grace = Duration.ofMillis(Math.round(stopGraceSeconds * 1000));
            Scheduler s = new Scheduler(q, x, new Scheduler.Settings(waitForMore,
                    Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))), grace), line -> {
                        out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
                        out.flush();
                    });
            // Ctrl-C or a TERM signal: ask the children to checkpoint and mark them interrupted, so the next
            // queue run resumes them.
            hook = new Thread(() -> s.shutdown(grace.plusSeconds(10)), "queue-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("scheduler on " + q.runs() + ": " + String.join("; ", x.slots().stream()
                    .map(Slot::describe).toList()));
            out.flush();
            s.run();
            out.println(s.wasShutDown() ? "queue run: stopped; running runs are interrupted and resume at the next "
                    + "queue run" : "queue run: nothing queued or running; done");
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return Cli.fail(err, e, 1);
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook is running
                }
            }
        }
    }
}
