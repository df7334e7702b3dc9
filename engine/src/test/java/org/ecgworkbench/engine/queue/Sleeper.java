package org.ecgworkbench.engine.queue;

/** A stand-in trainer for GuardedTrainTest: says it started (with its arguments), then sleeps until killed. */
public final class Sleeper {

    private Sleeper() {
    }

    /** Prints "started ARGS" and sleeps. */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("started " + String.join(" ", args));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
