package org.ecgworkbench.views.runs;

/**
 * What the run views ask of whoever owns the queue. Called on the JavaFX thread; implementations do their file and
 * process work in the background and report back through the views' setters.
 */
public interface RunActions {

    /** Queues one run per prototype of the request. */
    void add(AddRunsRequest request);

    /** Cancels a queued run at once, or asks a running one to stop with a checkpoint. */
    void cancel(String id);

    /** Puts a failed, cancelled or interrupted run back in the queue (it resumes from its checkpoint if it has one). */
    void retry(String id);

    /** Puts a stopped run with a checkpoint back in the queue and starts the queue if it is stopped. */
    void resume(String id);

    /** Starts the queue's scheduler in this process with the given number of slots (runs at a time). */
    void startQueue(int slots);

    /** Stops the scheduler; running runs checkpoint and become interrupted, to resume at the next start. */
    void stopQueue();
}
