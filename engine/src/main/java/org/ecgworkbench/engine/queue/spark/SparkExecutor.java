package org.ecgworkbench.engine.queue.spark;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.QueueEntry;
import org.ecgworkbench.engine.queue.RunDirectory;
import org.ecgworkbench.engine.queue.RunExecutor;
import org.ecgworkbench.engine.queue.RunHandle;
import org.ecgworkbench.engine.queue.Slot;
import org.ecgworkbench.engine.queue.SparkSettings;

/**
 * Runs each queued run as one Spark task ({@link TrainTask}) in its own job group, the queue entry's id, submitted
 * from a driver thread of its own. Cancel: the run's stop file (the trainer checkpoints and exits), then, after
 * the scheduler's grace, cancellation of the job group, which interrupts the task and ends its trainer. A task
 * that fails, or whose executor is lost, is retried by Spark (spark.task.maxFailures) and resumes from the run's
 * last checkpoint. Run directories, prototype and dataset must be on a file system every node mounts at the same
 * path (NFS, or HDFS through its NFS gateway or FUSE mount): the driver reads progress from there.
 *
 * <p>Safe defaults: with a local master the driver binds to loopback only (spark.driver.host and
 * spark.driver.bindAddress 127.0.0.1); the Spark UI is off unless asked for; anything set through --conf or
 * spark-submit wins.
 */
public final class SparkExecutor implements RunExecutor {

    /** Above Spark's context shutdown hook (Hadoop FileSystem's 10 + 30). */
    private static final int SHUTDOWN_PRIORITY = 100;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?])?");

    private final SparkSettings settings;
    private final JavaSparkContext jsc;
    private final String master;
    private final boolean local;
    private final List<Slot> slots;
    private final TaskTracker tracker = new TaskTracker();

    /**
     * Starts the Spark context with the settings s; an IllegalArgumentException when no master is known (neither
     * s.master() nor spark-submit's spark.master).
     */
    public SparkExecutor(SparkSettings s) {
        this.settings = s;
        SparkConf conf = new SparkConf(); // spark.* system properties: what spark-submit set
        s.conf().forEach(conf::set);
        String m = s.master() != null ? s.master() : conf.get("spark.master", null);
        if (m == null) {
            throw new IllegalArgumentException("no Spark master: give --master (local[2], spark://HOST:7077, yarn, "
                    + "k8s://https://HOST:6443) or submit with spark-submit --master ...");
        }
        Matcher lm = LOCAL.matcher(m.strip());
        local = lm.matches();
        int cores = s.cores() > 0 ? s.cores() : Runtime.getRuntime().availableProcessors();
        int localThreads = 1;
        if (local) {
            localThreads = lm.group(1) == null ? 1 : lm.group(1).equals("*") ? cores : Integer.parseInt(lm.group(1));
            // local mode ignores spark.task.maxFailures: the master URL carries it
            conf.setMaster("local[" + (lm.group(1) == null ? "1" : lm.group(1)) + "," + s.maxFailures() + "]");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setMaster(m);
        }
        master = m.strip();
        conf.set("spark.task.maxFailures", Integer.toString(s.maxFailures()));
        if (s.ui()) {
            conf.set("spark.ui.enabled", "true");
        } else {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        if (s.gpusPerRun() > 0) {
            conf.set("spark.task.resource.gpu.amount", trim(s.gpusPerRun()));
        }
        conf.setIfMissing("spark.app.name", "ecg-workbench queue");
        // Spark's default log profile prints INFO lines to stderr between the scheduler's own; warnings suffice
        conf.setIfMissing("spark.log.level", "WARN");
        jsc = new JavaSparkContext(conf);
        jsc.sc().addSparkListener(tracker);

        int n = s.slots() > 0 ? s.slots() : local ? localThreads : Math.max(1, jsc.defaultParallelism());
        int threads = local ? Math.max(1, cores / n) : Math.max(1, conf.getInt("spark.task.cpus", 1));
        List<Slot> sl = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String gpu = local && !s.gpus().isEmpty() ? s.gpus().get(i % s.gpus().size()) : null;
            sl.add(new Slot(i, threads, gpu));
        }
        slots = List.copyOf(sl);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<Slot> slots() {
        return slots;
    }

    /** E.g. "Spark 4.1.1, master local[2,4], app local-1700000000000, UI off". */
    @Override
    public String describe() {
        return "Spark " + jsc.version() + ", master " + jsc.master() + ", app " + jsc.sc().applicationId() + ", UI "
                + (jsc.sc().uiWebUrl().isDefined() ? jsc.sc().uiWebUrl().get() : "off");
    }

    @Override
    public RunHandle start(QueueEntry e, Slot s, boolean resume) throws IOException {
        LocalExecutor.Launch l = settings.launch();
        // a local master's tasks run in this JVM: its java and class path serve; a cluster's executors use theirs
        TaskSpec spec = new TaskSpec(e.id(), e.attempts(), e.prototypeFile().toString(), e.dataset().toString(),
                e.runDir().toString(), e.checkpointMinutes(), e.workers(), s.threads(), s.gpu(),
                local ? l.java() : null, local ? l.classPath() : null, l.jvmArgs(), l.mainClass(), "spark " + master,
                settings.faultDrill());
        SparkRun run = new SparkRun(spec, new RunDirectory(e.runDir()));
        Thread t = new Thread(run::submit, "spark-" + e.id());
        t.setDaemon(true);
        t.start();
        return run;
    }

    /**
     * Kills trainers of e on this machine (with a local master, trainers are children of this machine's
     * executor); trainers on cluster executors end with their executor JVM, which ends with the driver, and the
     * run directory's lock keeps a straggler from overlapping the resumed attempt.
     */
    @Override
    public String abandon(QueueEntry e) {
        String here = LocalExecutor.abandonTrainers(settings.launch().mainClass(), e.runDir(), null);
        return local ? here : here + " on this machine; trainers on the cluster end with their executors";
    }

    /**
     * Spark stops its context in a Hadoop shutdown hook (priority 40), which would cancel every task and kill the
     * trainers mid-step; hook runs first (Hadoop runs its hooks one after the other, highest priority first), so the
     * scheduler can ask the trainers to checkpoint and stop, as the local executor does.
     */
    @Override
    public Runnable onShutdown(Runnable hook, Duration within) {
        ShutdownHookManager m = ShutdownHookManager.get();
        m.addShutdownHook(hook, SHUTDOWN_PRIORITY, Math.max(1, within.toSeconds()), TimeUnit.SECONDS);
        return () -> {
            if (!m.isShutdownInProgress()) {
                m.removeShutdownHook(hook);
            }
        };
    }

    @Override
    public void close() {
        jsc.stop();
    }

    /** One run's job on the driver. */
    private final class SparkRun implements RunHandle {
        private final TaskSpec spec;
        private final RunDirectory dir;
        private volatile boolean done;
        private volatile boolean cancelled;
        private volatile int exitCode = -1;

        SparkRun(TaskSpec spec, RunDirectory dir) {
            this.spec = spec;
            this.dir = dir;
        }

        void submit() {
            try {
                jsc.setJobGroup(spec.id(), "ecg-workbench " + spec.id() + ": " + spec.runDir(), true);
                exitCode = jsc.parallelize(List.of(spec), 1).map(new TrainTask()).collect().get(0);
            } catch (Throwable x) {
                String why = cancelled ? "Spark job group " + spec.id() + " cancelled" : message(x);
                try {
                    dir.appendLog("error: spark: " + why);
                } catch (IOException cannot) {
                    // the scheduler reports the exit code; the log line only adds the reason
                }
                exitCode = cancelled ? 143 : 1;
            } finally {
                done = true; // the tracker keeps the last attempt: where() still names it
            }
        }

        // Spark's job failure message repeats the task's stack trace: its first line says why
        private static String message(Throwable x) {
            String m = x.getMessage() == null ? x.toString() : x.getMessage();
            int nl = m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl);
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid(); // the driver: the trainer may run on another machine
        }

        @Override
        public boolean alive() {
            return !done;
        }

        @Override
        public int exitCode() {
            return exitCode;
        }

        @Override
        public void requestStop() throws IOException {
            dir.requestStop();
            TaskTracker.Attempt a = tracker.latest(spec.id());
            if (a == null || !a.running()) {
                kill(); // no trainer runs to honour the stop file: end the waiting job now
            }
        }

        @Override
        public void kill() {
            cancelled = true;
            try {
                jsc.cancelJobGroup(spec.id());
            } catch (IllegalStateException stopped) {
                // the context is stopping (JVM shutdown): Spark ends its jobs itself
            }
        }

        @Override
        public String where() {
            TaskTracker.Attempt a = tracker.latest(spec.id());
            if (a == null) {
                return null;
            }
            return String.format(Locale.ROOT, "spark %s task %d attempt %d%s", master, a.taskId(), a.attempt(),
                    local ? "" : " on " + a.host() + " (executor " + a.executor() + ")");
        }
    }
}
