/**
 * The run queue: training runs waiting, running and finished, kept as files beside the run directories so the queue
 * survives the application and the machine restarting; a scheduler that runs them N at a time through an executor
 * (local child JVMs today).
 */
package org.ecgworkbench.engine.queue;
