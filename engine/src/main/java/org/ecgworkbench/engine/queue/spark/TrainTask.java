package org.ecgworkbench.engine.queue.spark;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;
import org.ecgworkbench.engine.queue.GuardedTrain;
import org.ecgworkbench.engine.queue.LocalExecutor;
import org.ecgworkbench.engine.queue.RunDirectory;

/**
 * The Spark task of one queued run, executed on an executor: trains in a child JVM with exactly the command line
 * of the local executor, {@code train} for a new run or {@code train --resume} when the run directory holds a
 * checkpoint, so a task Spark retries after a failure (or a lost executor) resumes where the run's last checkpoint
 * left it. Returns the trainer's exit code.
 *
 * <p>Why a child JVM rather than training inside the executor: the trainer's CPU threads and GPU are set through
 * its environment (OMP_NUM_THREADS, CUDA_VISIBLE_DEVICES), which a process has one of, not a task; a cancelled
 * task can end it at once (a training thread cannot be stopped from outside); and it runs the same command as
 * the local executor, so the results are identical.
 */
final class TrainTask implements Function<TaskSpec, Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public Integer call(TaskSpec spec) throws Exception {
        TaskContext tc = TaskContext.get();
        Path runDir = Path.of(spec.runDir());
        String host = hostName();
        if (!Files.isDirectory(runDir.getParent())) {
            throw new IOException("the runs folder " + runDir.getParent() + " is not visible on " + host + ": "
                    + "put it (and the dataset) on a file system mounted at the same path on every Spark node");
        }
        RunDirectory rd = new RunDirectory(runDir);
        boolean resume = rd.hasState();
        if (!resume) {
            rd.clearPartialStart(); // an earlier attempt died before its first state.json: nothing to keep
        }
        List<String> train = LocalExecutor.trainArguments(spec.prototype(), spec.dataset(), spec.runDir(),
                spec.checkpointMinutes(), spec.workers(), resume);
        List<String> cmd = new ArrayList<>();
        cmd.add(spec.java() != null ? spec.java() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(spec.jvmArgs());
        cmd.add(GuardedTrain.class.getName());
        cmd.add(runDir.resolveSibling("." + runDir.getFileName() + ".lock").toString());
        cmd.add(spec.mainClass());
        cmd.addAll(train);

        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(rd.log().toFile()));
        // standard input stays a pipe whose write end this JVM holds: GuardedTrain ends when it closes
        Map<String, String> env = pb.environment();
        env.put("CLASSPATH", spec.classPath() != null ? spec.classPath() : classPath(spec.mainClass()));
        String t = Integer.toString(spec.threads());
        env.put("OMP_NUM_THREADS", t);
        env.put("MKL_NUM_THREADS", t);
        env.put("OPENBLAS_NUM_THREADS", t);
        String gpus = gpus(tc, spec.gpu());
        if (gpus != null) {
            env.put("CUDA_VISIBLE_DEVICES", gpus);
        }
        rd.appendLog(RunDirectory.ATTEMPT + spec.attempt() + " of " + spec.id() + " at " + Instant.now() + ", "
                + spec.where() + " task " + tc.taskAttemptId() + " attempt " + (tc.attemptNumber() + 1) + " on "
                + host + " (executor " + org.apache.spark.SparkEnv.get().executorId() + "), " + spec.threads()
                + (spec.threads() == 1 ? " thread" : " threads") + (gpus == null ? "" : ", CUDA_VISIBLE_DEVICES="
                + gpus) + ": " + String.join(" ", train));
        Process p = pb.start();
        try {
            boolean drill = spec.faultDrill() && tc.attemptNumber() == 0;
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (tc.isInterrupted()) {
                    // the job group was cancelled (queue cancel after the stop grace, or the scheduler stopped)
                    end(p);
                    tc.killTaskIfInterrupted();
                }
                if (drill && checkpointed(rd)) {
                    end(p);
                    String why = "fault drill: killed the trainer of " + spec.id() + " after its first checkpoint"
                            + " (epoch " + rd.progress().epoch() + " batch " + rd.progress().batch()
                            + "); Spark retries the task, which resumes from that checkpoint";
                    rd.appendLog("error: " + why);
                    throw new IllegalStateException(why);
                }
            }
            return p.exitValue();
        } catch (InterruptedException x) {
            end(p);
            throw x;
        } finally {
            if (p.isAlive()) {
                end(p); // whatever ended the task, no trainer outlives it
            }
        }
    }

    /** This executor's host name, or its address when the name does not resolve (only for messages). */
    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return org.apache.spark.SparkEnv.get().blockManager().blockManagerId().host();
        }
    }

    /** Whether the trainer wrote a checkpoint (mid-epoch or at an epoch's end) and has not finished. */
    private static boolean checkpointed(RunDirectory rd) {
        RunDirectory.Progress pr = rd.progress();
        return pr != null && !pr.finished() && (pr.epoch() > 0 || pr.batch() > 0);
    }

    /** The GPU addresses Spark assigned the task ("0,1"), else the slot's GPU, else null. */
    private static String gpus(TaskContext tc, String slotGpu) {
        ResourceInformation r = tc.resourcesJMap().get("gpu");
        if (r != null && r.addresses().length > 0) {
            return String.join(",", r.addresses());
        }
        return slotGpu;
    }

    /**
     * The trainer's class path on this executor: the jar the main class came from when it is a jar (the shaded
     * workbench jar holds everything; Spark's own jars stay out, their Jackson and SLF4J are not the
     * workbench's), else this JVM's class path (a development tree of classes folders).
     */
    static String classPath(String mainClass) throws ClassNotFoundException, URISyntaxException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        Class<?> c = Class.forName(mainClass, false, cl != null ? cl : TrainTask.class.getClassLoader());
        var src = c.getProtectionDomain().getCodeSource();
        if (src != null) {
            Path p = Path.of(src.getLocation().toURI());
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                return p.toString();
            }
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(x -> !x.isEmpty()).map(x -> Path.of(x).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Ends the trainer (and anything it started) and waits for it, also on an interrupted thread. */
    private static void end(Process p) {
        boolean interrupted = Thread.interrupted(); // waitFor would throw at once; the flag is put back below
        try {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
