package org.ecgworkbench.app.cli;

/** Lets tests in other packages train the same tiny prototype as {@link TrainCommandsTest}. */
public final class TrainCommandsTestAccess {

    private TrainCommandsTestAccess() {
    }

    /** The tiny fcn1d prototype JSON (4 s at 250 Hz, two RR features, 2 epochs). */
    public static String tiny() {
        return TrainCommandsTest.TINY;
    }
}
