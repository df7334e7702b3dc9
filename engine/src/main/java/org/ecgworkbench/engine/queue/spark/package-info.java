/**
 * The run queue's Apache Spark executor: each queued run is one Spark task that trains in a child JVM on an
 * executor. Compiled against Spark in provided scope and loaded only through
 * {@link org.ecgworkbench.engine.queue.RunExecutors#spark}: nothing else may refer to this package.
 */
package org.ecgworkbench.engine.queue.spark;
