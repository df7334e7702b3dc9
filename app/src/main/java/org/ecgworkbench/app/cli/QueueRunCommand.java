package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ecgworkbench.app.Main;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.RunExecutor;
import org.ecgworkbench.engine.queue.RunExecutors;
import org.ecgworkbench.engine.queue.RunQueue;
import org.ecgworkbench.engine.queue.Scheduler;
import org.ecgworkbench.engine.queue.Slot;
import org.ecgworkbench.engine.queue.SparkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * queue run: the scheduler; runs queued runs N at a time, each in a child JVM with its device share, on this
 * machine or (--executor spark) as Spark tasks.
 */
@Command(name = "run", description = "Runs the queue: up to --slots runs at a time, each in its own child JVM "
        + "(output in RUN_DIR/train.log) with cores/slots CPU threads, or one GPU each with --gpus. First resumes runs "
        + "a crashed scheduler left behind. Exits when nothing is queued or running, unless --wait. With --executor "
        + "spark each run is one Spark task (Spark must be on the class path: spark-submit, see README \"Spark\").")
public final class QueueRunCommand implements Callable<Integer> {

    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|spark",
            description = "Where runs execute: local (child JVMs on this machine, default) or spark (one Spark task "
                    + "each).")
    String executor;

    @Option(names = "--slots", paramLabel = "N", description = "Runs at a time (default 1 locally; with Spark N of "
            + "local[N], else the cluster's default parallelism).")
    Integer slots;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[2], spark://HOST:7077, yarn, "
            + "k8s://https://HOST:6443 (default: what spark-submit set).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g. "
            + "--conf spark.task.cpus=4.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--max-failures", defaultValue = "4", paramLabel = "N", description = "Spark: attempts of a "
            + "run's task before it fails (spark.task.maxFailures; default ${DEFAULT-VALUE}); each retry resumes from "
            + "the run's last checkpoint.")
    int maxFailures;

    @Option(names = "--task-gpus", defaultValue = "0", paramLabel = "N", description = "Spark: GPUs per run "
            + "(spark.task.resource.gpu.amount; a -Pcuda build); the task's GPU addresses become its "
            + "CUDA_VISIBLE_DEVICES.")
    double taskGpus;

    @Option(names = "--spark-ui", description = "Spark: start the Spark web UI (off by default).")
    boolean sparkUi;

    @Option(names = "--fault-drill", description = "Spark: kill each run's first task attempt after its first "
            + "checkpoint, so Spark retries it and the retry resumes (checks a cluster's retry path).")
    boolean faultDrill;

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
        boolean spark = executor.equals("spark");
        if (!spark && !executor.equals("local")) {
            return Cli.fail(err, new IllegalArgumentException("--executor is local or spark, got \"" + executor
                    + "\""), 2);
        }
        if (!spark && (master != null || !conf.isEmpty() || taskGpus > 0 || sparkUi || faultDrill)) {
            return Cli.fail(err, new IllegalArgumentException("--master, --conf, --task-gpus, --spark-ui and "
                    + "--fault-drill need --executor spark"), 2);
        }
        if ((slots != null && slots < 1) || pollSeconds <= 0 || stopGraceSeconds < 0 || maxFailures < 1
                || taskGpus < 0) {
            return Cli.fail(err, new IllegalArgumentException("--slots must be >= 1, --poll-seconds > 0, "
                    + "--stop-grace-seconds >= 0, --max-failures >= 1 and --task-gpus >= 0"), 2);
        }
        try {
            RunQueue q = RunQueue.open(runs.runs);
            LocalExecutor.Launch launch = LocalExecutor.Launch.ofThisJvm(Main.class.getName(), jvmArgs);
            int cpus = cores != null ? cores : Runtime.getRuntime().availableProcessors();
            try (RunExecutor x = spark
                    ? RunExecutors.spark(new SparkSettings(master, slots == null ? 0 : slots, cpus, gpus, taskGpus,
                    maxFailures, sparkUi, conf, launch, faultDrill))
                    : new LocalExecutor(launch, slots == null ? 1 : slots, cpus, gpus)) {
                Duration grace = Duration.ofMillis(Math.round(stopGraceSeconds * 1000));
                Scheduler s = new Scheduler(q, x, new Scheduler.Settings(waitForMore,
                        Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000))), grace), line -> {
                            out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
                            out.flush();
                        });
                // Ctrl-C or a TERM signal: ask the children to checkpoint and mark them interrupted, so the next
                // queue run resumes them.
                Runnable unhook = x.onShutdown(() -> s.shutdown(grace.plusSeconds(10)), grace.plusSeconds(20));
                try {
                    out.println("scheduler on " + q.runs() + ": " + (spark ? x.describe() + "; " : "")
                            + String.join("; ", x.slots().stream().map(Slot::describe).toList()));
                    out.flush();
                    s.run();
                    out.println(s.wasShutDown() ? "queue run: stopped; running runs are interrupted and resume at "
                            + "the next queue run" : "queue run: nothing queued or running; done");
                    out.flush();
                    return 0;
                } finally {
                    unhook.run();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Cli.fail(err, e, 1);
        }
    }
}
