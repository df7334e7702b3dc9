package org.ecgworkbench.engine.queue;

import java.util.List;
import java.util.Map;

/**
 * How to run the queue on Apache Spark ({@link RunExecutors#spark}). Plain values only: this class must load without
 * Spark on the class path.
 *
 * @param master      Spark master URL (local[2], spark://host:7077, yarn, k8s://https://host:6443), or null for the
 *                    one spark-submit set (spark.master)
 * @param slots       runs at a time, or 0: N of local[N], else the context's default parallelism
 * @param cores       CPU cores of this machine to share among the slots of a local master, or 0 for all the JVM
 *                    sees (a cluster master gives each run spark.task.cpus threads)
 * @param gpus        CUDA device indices for the slots of a local master (slot k sees GPU k modulo their number),
 *                    empty for none; on a cluster, GPUs come from Spark's resource scheduling (gpusPerRun)
 * @param gpusPerRun  spark.task.resource.gpu.amount (0: not set): each run's task gets that many GPU addresses,
 *                    which become its CUDA_VISIBLE_DEVICES
 * @param maxFailures attempts of each run's task before Spark gives up (spark.task.maxFailures; a local master
 *                    becomes local[N,maxFailures], since local mode ignores spark.task.maxFailures)
 * @param ui          whether to start the Spark web UI (off unless asked for)
 * @param conf        further Spark settings (--conf KEY=VALUE), applied before the defaults above
 * @param launch      the trainer JVM: java and class path (used as they are with a local master; a cluster's
 *                    executors use their own java and the jar that holds the main class), JVM options, main class
 * @param faultDrill  kill the trainer of every run's first task attempt after its first checkpoint and fail the
 *                    attempt, so Spark retries it: shows that a retry resumes from the checkpoint, nothing lost
 */
public record SparkSettings(String master, int slots, int cores, List<String> gpus, double gpusPerRun,
                            int maxFailures, boolean ui, Map<String, String> conf, LocalExecutor.Launch launch,
                            boolean faultDrill) {

    /** Checks the numbers and copies the collections. */
    public SparkSettings {
        if (slots < 0 || cores < 0 || gpusPerRun < 0 || maxFailures < 1) {
            throw new IllegalArgumentException("Spark settings: slots, cores and GPUs per run must be >= 0 and "
                    + "max failures >= 1");
        }
        gpus = List.copyOf(gpus);
        conf = Map.copyOf(conf);
    }
}
