package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Small formatting and error-reporting helpers shared by the commands. */
final class Cli {

    private Cli() {
    }

    /** A number without a needless ".0" (360 rather than 360.0). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The extension of a file name, without the dot. */
    static String extension(Path file) {
        String n = file.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** Prints "error: " and the reason (which names the file) to the command's standard error; returns code. */
    static int fail(PrintWriter err, Exception e, int code) {
        err.println("error: " + e.getMessage());
        err.flush();
        return code;
    }
}
