package org.ecgworkbench.engine.queue.spark;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Follows the task attempts of each run's job group (= queue entry id) on the driver: which task, which attempt,
 * on which host, and whether one runs now. Spark's listener bus calls it on its own thread, shortly after the
 * events.
 */
final class TaskTracker extends SparkListener {

    /** One task attempt: Spark's task id, its 1-based attempt number, host and executor id. */
    record Attempt(long taskId, int attempt, String host, String executor, boolean running) {
    }

    private static final String JOB_GROUP = "spark.jobGroup.id";

    private final Map<Integer, String> groupOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, String> groupOfJob = new ConcurrentHashMap<>();
    private final Map<String, Attempt> latest = new ConcurrentHashMap<>();

    /** The latest task attempt of group, or null before its first starts. */
    Attempt latest(String group) {
        return latest.get(group);
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        Properties p = job.properties();
        String g = p == null ? null : p.getProperty(JOB_GROUP);
        if (g == null) {
            return;
        }
        groupOfJob.put(job.jobId(), g);
        for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
            groupOfStage.put((Integer) stage, g);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd job) {
        String g = groupOfJob.remove(job.jobId());
        if (g != null) {
            groupOfStage.values().removeIf(g::equals);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        note(task.stageId(), task.taskInfo(), true);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        note(task.stageId(), task.taskInfo(), false);
    }

    private void note(int stage, TaskInfo i, boolean running) {
        String g = groupOfStage.get(stage);
        if (g != null) {
            latest.put(g, new Attempt(i.taskId(), i.attemptNumber() + 1, i.host(), i.executorId(), running));
        }
    }
}
