package org.ecgworkbench.engine.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a trainer JVM that a Spark task starts: {@code GuardedTrain LOCK_FILE MAIN_CLASS train ...}.
 * Two guards the JDK does not give a child process:
 * <ul>
 *   <li>it ends when its task's JVM ends, however that ends (kill -9 included): the task holds the write end of
 *   this JVM's standard input and never writes, so end-of-file means the parent is gone (Linux's parent-death
 *   signal is not reachable from Java);</li>
 *   <li>it holds an exclusive lock on LOCK_FILE (beside the run directory, on the shared file system) while it
 *   trains, so a retried or resumed attempt never trains the run directory while a straggler of an earlier one
 *   still writes it: the new one waits for the lock.</li>
 * </ul>
 * Then it runs MAIN_CLASS's main with the remaining arguments, in this JVM.
 */
public final class GuardedTrain {

    /** Exit code when the parent went away. */
    public static final int PARENT_GONE = 137;
    /** Exit code when another trainer held the lock too long. */
    public static final int LOCKED = 3;

    private static final long LOCK_WAIT_MINUTES = 10;

    private GuardedTrain() {
    }

    /** Guards, then runs args[1]'s main with args[2..]; args[0] is the lock file. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GuardedTrain LOCK_FILE MAIN_CLASS ARGS...");
            System.exit(2);
        }
        watchParent(System.in);
        FileLock lock = lock(Path.of(args[0]));
        try {
            Class.forName(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } finally {
            lock.release();
        }
    }

    private static void watchParent(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe also means the parent is gone
            }
            System.err.println("\nerror: the Spark task that started this trainer is gone; stopping (the run "
                    + "resumes from its last checkpoint)");
            System.err.flush();
            Runtime.getRuntime().halt(PARENT_GONE);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static FileLock lock(Path file) throws IOException, InterruptedException {
        // kept open for the JVM's life: closing the channel would release the lock
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(LOCK_WAIT_MINUTES);
        boolean said = false;
        while (true) {
            FileLock l = ch.tryLock();
            if (l != null) {
                return l;
            }
            if (!said) {
                System.out.println("waiting for an earlier trainer of this run directory to end (it holds " + file
                        + ")");
                System.out.flush();
                said = true;
            }
            if (System.nanoTime() > end) {
                System.out.println("error: an earlier trainer still holds " + file + " after " + LOCK_WAIT_MINUTES
                        + " minutes");
                System.out.flush();
                System.exit(LOCKED);
            }
            Thread.sleep(200);
        }
    }
}
