package org.ecgworkbench.engine.queue.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a run's Spark task needs, shipped to the executor with the task (plain strings: paths are the same on every
 * node, on the shared file system).
 *
 * @param id                queue entry id (also the Spark job group)
 * @param attempt           the scheduler's attempt number of the entry
 * @param prototype         resolved prototype file
 * @param dataset           packed dataset
 * @param runDir            run directory
 * @param checkpointMinutes minutes between mid-epoch checkpoints
 * @param workers           input pipeline threads
 * @param threads           CPU threads of the trainer (OMP_NUM_THREADS and friends)
 * @param gpu               CUDA_VISIBLE_DEVICES when Spark assigns the task no GPU, or null
 * @param java              the java executable, or null for the executor's own
 * @param classPath         the trainer's class path, or null: the jar (or class path) the executor loaded the main
 *                          class from
 * @param jvmArgs           extra JVM options of the trainer
 * @param mainClass         the CLI main class, which has the train command
 * @param where             how the executor is named in the log ("spark local[2]")
 * @param faultDrill        kill the first attempt's trainer after its first checkpoint and fail the attempt
 */
record TaskSpec(String id, int attempt, String prototype, String dataset, String runDir, double checkpointMinutes,
                int workers, int threads, String gpu, String java, String classPath, List<String> jvmArgs,
                String mainClass, String where, boolean faultDrill) implements Serializable {

    TaskSpec {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
