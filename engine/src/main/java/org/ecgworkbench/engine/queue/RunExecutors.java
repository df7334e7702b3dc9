package org.ecgworkbench.engine.queue;

import java.lang.reflect.InvocationTargetException;

/**
 * Makes the executors that need optional libraries. Spark is a provided dependency (spark-submit or a Spark
 * installation supplies it), so its executor is loaded by name only when asked for: the workbench starts, and
 * every other command runs, without Spark.
 */
public final class RunExecutors {

    /** The class of the Spark executor, loaded reflectively. */
    static final String SPARK_EXECUTOR = "org.ecgworkbench.engine.queue.spark.SparkExecutor";

    private RunExecutors() {
    }

    /** Whether Spark's classes can be loaded here. */
    public static boolean sparkAvailable() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, RunExecutors.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A Spark executor (it starts the Spark context), or a QueueException saying how to put Spark on the class
     * path, or why the context could not start.
     */
    public static RunExecutor spark(SparkSettings settings) throws QueueException {
        if (!sparkAvailable()) {
            throw new QueueException(null, "Spark is not on the class path: run through spark-submit (spark-submit "
                    + "--class org.ecgworkbench.app.Main --master URL ecg-workbench.jar queue run --executor spark), "
                    + "or put a Spark 4.1 installation's jars first on the class path, with the JVM options of README "
                    + "\"Spark\" (java ... -cp \"$SPARK_HOME/jars/*:ecg-workbench.jar\" org.ecgworkbench.app.Main "
                    + "queue run --executor spark --master local[2])");
        }
        try {
            return (RunExecutor) Class.forName(SPARK_EXECUTOR, true, RunExecutors.class.getClassLoader())
                    .getConstructor(SparkSettings.class).newInstance(settings);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw new QueueException(null, "cannot start Spark: " + (c.getMessage() == null ? c.toString()
                    : c.getMessage()), c);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new QueueException(null, "cannot load the Spark executor: " + e, e);
        }
    }
}
