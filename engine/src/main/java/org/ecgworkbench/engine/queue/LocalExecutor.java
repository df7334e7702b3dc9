package org.ecgworkbench.engine.queue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs each queued run in its own child JVM on this machine ({@code java ... MAIN train ...}, this JVM's class path
 * in CLASSPATH), output appended to
 * RUN_DIR/train.log, with its slot's device share: CPU threads (cores / slots, at least 1) through
 * OMP_NUM_THREADS, MKL_NUM_THREADS and OPENBLAS_NUM_THREADS, and, when GPUs are listed, one GPU per slot through
 * CUDA_VISIBLE_DEVICES (slot i gets GPU i modulo their number).
 */
public final class LocalExecutor implements RunExecutor {

    /**
     * How to start a child JVM.
     *
     * @param java      the java executable
     * @param classPath its class path
     * @param jvmArgs   extra JVM options (e.g. -Xmx8g), placed before the main class
     * @param mainClass the CLI main class, which has the train command
     */
    public record Launch(String java, String classPath, List<String> jvmArgs, String mainClass) {

        /** This JVM's java executable and class path, with the given main class and extra JVM options. */
        public static Launch ofThisJvm(String mainClass, List<String> jvmArgs) {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // absolute entries: "java -jar ecg-workbench.jar" gives a relative class path
            String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(x -> !x.isEmpty()).map(x -> Path.of(x).toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator));
            return new Launch(java, cp, List.copyOf(jvmArgs), mainClass);
        }
    }

    private final Launch launch;
    private final List<Slot> slots;

    /** slots runs at once sharing cores CPU cores; gpus: device indices for CUDA_VISIBLE_DEVICES (empty: CPU only). */
    public LocalExecutor(Launch launch, int slots, int cores, List<String> gpus) {
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
        this.launch = launch;
        int threads = Math.max(1, cores / slots);
        List<Slot> s = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            s.add(new Slot(i, threads, gpus.isEmpty() ? null : gpus.get(i % gpus.size())));
        }
        this.slots = List.copyOf(s);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<Slot> slots() {
        return slots;
    }

    /** The child's command line (java, JVM options, main class, train arguments; the class path is in CLASSPATH). */
    List<String> command(QueueEntry e, boolean resume) {
        List<String> c = new ArrayList<>();
        c.add(launch.java());
        // JavaCPP (ND4J) loads native libraries through JNI: allow it without the JDK's warnings.
        c.add("--enable-native-access=ALL-UNNAMED");
        c.addAll(launch.jvmArgs());
        c.add(launch.mainClass()); // the class path goes in CLASSPATH (see start)
        c.addAll(trainArguments(e.prototypeFile().toString(), e.dataset().toString(), e.runDir().toString(),
                e.checkpointMinutes(), e.workers(), resume));
        return c;
    }

    /**
     * The train command's arguments ("train", then its options) for a run: a new run from the prototype file and
     * dataset into runDir, or {@code train --resume runDir} from its last checkpoint. Every executor trains with
     * exactly these, so a run gives the same results wherever it executes.
     */
    public static List<String> trainArguments(String prototype, String dataset, String runDir,
                                              double checkpointMinutes, int workers, boolean resume) {
        List<String> c = new ArrayList<>();
        c.add("train");
        if (resume) {
            c.addAll(List.of("--resume", runDir));
        } else {
            c.addAll(List.of("--prototype", prototype, "--dataset", dataset, "--run-dir", runDir));
        }
        c.addAll(List.of("--checkpoint-minutes", Double.toString(checkpointMinutes),
                "--workers", Integer.toString(workers)));
        return c;
    }

    @Override
    public RunHandle start(QueueEntry e, Slot s, boolean resume) throws IOException {
        RunDirectory rd = new RunDirectory(e.runDir());
        List<String> cmd = command(e, resume);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(rd.log().toFile()));
        Map<String, String> env = pb.environment();
        // In the environment rather than after -cp: a long class path on the command line pushes the main class
        // and the run directory past what ps and ProcessHandle.Info show (4 KiB), and abandon() needs them.
        env.put("CLASSPATH", launch.classPath());
        String t = Integer.toString(s.threads());
        env.put("OMP_NUM_THREADS", t);
        env.put("MKL_NUM_THREADS", t);
        env.put("OPENBLAS_NUM_THREADS", t);
        if (s.gpu() != null) {
            env.put("CUDA_VISIBLE_DEVICES", s.gpu());
        }
        rd.appendLog(RunDirectory.ATTEMPT + e.attempts() + " of " + e.id() + " at " + Instant.now() + ", local "
                + s.describe() + (s.gpu() == null ? "" : " (CUDA_VISIBLE_DEVICES=" + s.gpu() + ")") + ": "
                + String.join(" ", cmd.subList(cmd.indexOf(launch.mainClass()), cmd.size())));
        Process p = pb.start();
        return new Child(p, rd);
    }

    @Override
    public String abandon(QueueEntry e) {
        return abandonTrainers(launch.mainClass(), e.runDir(), e.pid());
    }

    /**
     * Kills every process on this machine that runs mainClass's train command on runDir (pid first, when it is
     * one), waiting for each to end; returns what it found and did, in words.
     */
    public static String abandonTrainers(String mainClass, Path runDir, Long pid) {
        List<ProcessHandle> ours = new ArrayList<>();
        if (pid != null) {
            ProcessHandle.of(pid).filter(ph -> trains(ph, mainClass, runDir)).ifPresent(ours::add);
        }
        // The pid is recorded just after the start: a crash in between leaves an unrecorded child, found by its
        // command line.
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(ph -> ph.pid() != self && trains(ph, mainClass, runDir))
                .filter(ph -> ours.stream().noneMatch(o -> o.pid() == ph.pid())).forEach(ours::add);
        if (ours.isEmpty()) {
            return "its child" + (pid == null ? "" : " (pid " + pid + ")") + " is gone";
        }
        List<String> done = new ArrayList<>();
        for (ProcessHandle ph : ours) {
            ph.destroyForcibly();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running(ph) && System.nanoTime() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            done.add((running(ph) ? "could not kill" : "killed") + " orphaned child pid " + ph.pid());
        }
        return String.join("; ", done);
    }

    /**
     * Whether the process still executes. A killed orphan stays a zombie until its new parent (init, or whatever
     * adopted it) reaps it, and {@link ProcessHandle#isAlive} counts zombies: on Linux the state in /proc tells.
     */
    public static boolean running(ProcessHandle ph) {
        if (!ph.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(ph.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException notLinux) {
            return ph.isAlive();
        }
    }

    /** Whether process ph is a child of ours training e's run directory (and not some other process reusing a pid). */
    boolean trains(ProcessHandle ph, QueueEntry e) {
        return trains(ph, launch.mainClass(), e.runDir());
    }

    /** Whether process ph runs mainClass's train command on runDir (its command line says so). */
    public static boolean trains(ProcessHandle ph, String mainClass, Path runDir) {
        List<String> a = arguments(ph);
        int main = a.indexOf(mainClass);
        return main >= 0 && main + 1 < a.size() && a.get(main + 1).equals("train")
                && a.subList(main, a.size()).contains(runDir.toString());
    }

    /** The process's command line, whole: /proc on Linux (ProcessHandle.Info cuts it at 4 KiB), else Info. */
    static List<String> arguments(ProcessHandle ph) {
        Path cmdline = Path.of("/proc", Long.toString(ph.pid()), "cmdline");
        try {
            byte[] b = java.nio.file.Files.readAllBytes(cmdline);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    out.add(new String(b, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        } catch (IOException | RuntimeException notLinux) {
            Optional<String[]> args = ph.info().arguments();
            return args.map(Arrays::asList).orElse(List.of());
        }
    }

    /** A child JVM. */
    private static final class Child implements RunHandle {
        private final Process process;
        private final RunDirectory dir;

        Child(Process process, RunDirectory dir) {
            this.process = process;
            this.dir = dir;
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public int exitCode() {
            return process.exitValue();
        }

        @Override
        public void requestStop() throws IOException {
            dir.requestStop();
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "pid %d", process.pid());
        }
    }
}
