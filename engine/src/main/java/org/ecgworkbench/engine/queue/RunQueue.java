package org.ecgworkbench.engine.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ecgworkbench.engine.net.Prototype;

/**
 * The persistent run queue of a runs folder: {@code RUNS/queue/ID.json} per entry, each written whole through a
 * temporary file and an atomic rename (a reader sees the old or the new entry, never half of one), and
 * {@code RUNS/queue/prototypes/ID.json} with the resolved prototype. Every change is a read-modify-write under an
 * exclusive {@link FileLock} on {@code RUNS/queue/queue.lock}, so {@code queue add}, {@code cancel} and
 * {@code retry} in other processes are safe while a scheduler runs. A second lock file,
 * {@code RUNS/queue/scheduler.lock}, is held by the one scheduler of the folder for its lifetime.
 */
public final class RunQueue {

    /** The queue's folder inside the runs folder. */
    public static final String FOLDER = "queue";
    /** Folder of resolved prototypes inside the queue folder. */
    public static final String PROTOTYPES = "prototypes";

    private static final Pattern ENTRY = Pattern.compile("q(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    // FileLock is per process: threads of one JVM also need a JVM-wide lock per file (the JDK throws
    // OverlappingFileLockException instead of waiting).
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Map<Path, Boolean> SCHEDULERS = new ConcurrentHashMap<>();

    private final Path runs;
    private final Path folder;

    private RunQueue(Path runs) {
        this.runs = runs;
        this.folder = runs.resolve(FOLDER);
    }

    /** The queue of a runs folder (created when absent). */
    public static RunQueue open(Path runs) throws IOException {
        RunQueue q = new RunQueue(runs.toAbsolutePath().normalize());
        Files.createDirectories(q.folder.resolve(PROTOTYPES));
        return q;
    }

    /** The runs folder. */
    public Path runs() {
        return runs;
    }

    /** The queue folder. */
    public Path folder() {
        return folder;
    }

    /**
     * A run to queue.
     *
     * @param prototype         the resolved prototype (overrides applied)
     * @param source            the file it came from (informative), or null
     * @param overrides         the overrides applied, recorded for listing
     * @param dataset           the packed dataset
     * @param runDir            the run directory, or null for {@code RUNS/NAME-ID}
     * @param checkpointMinutes minutes between mid-epoch checkpoints
     * @param workers           input pipeline threads
     */
    public record Request(Prototype prototype, Path source, List<Setting> overrides, Path dataset, Path runDir,
                          double checkpointMinutes, int workers) {
    }

    /** Adds the requests as consecutive new entries, all or none; returns them. */
    public List<QueueEntry> add(List<Request> requests) throws IOException {
        return locked(() -> {
            int next = nextNumber();
            List<QueueEntry> made = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (QueueEntry e : list()) {
                dirs.add(e.runDir);
            }
            for (Request r : requests) {
                QueueEntry e = new QueueEntry();
                e.id = String.format(Locale.ROOT, "q%04d", next++);
                e.prototypeName = r.prototype().name();
                e.prototypeSource = r.source() == null ? null : r.source().toAbsolutePath().normalize();
                e.prototypeFile = folder.resolve(PROTOTYPES).resolve(e.id + ".json");
                e.overrides = List.copyOf(r.overrides());
                e.dataset = r.dataset().toAbsolutePath().normalize();
                e.runDir = (r.runDir() != null ? r.runDir() : runs.resolve(defaultRunDirName(e)))
                        .toAbsolutePath().normalize();
                e.checkpointMinutes = r.checkpointMinutes();
                e.workers = r.workers();
                e.created = Instant.now();
                if (dirs.contains(e.runDir)) {
                    throw new QueueException(e.runDir, "another queue entry already uses this run directory");
                }
                if (Files.exists(e.runDir)) {
                    throw new QueueException(e.runDir, "run directory exists already");
                }
                dirs.add(e.runDir);
                made.add(e);
            }
            // Prototypes first: an entry file never points at a missing prototype.
            for (int k = 0; k < made.size(); k++) {
                writeDurably(made.get(k).prototypeFile,
                        requests.get(k).prototype().toJson().getBytes(StandardCharsets.UTF_8));
            }
            for (QueueEntry e : made) {
                write(e);
            }
            return made;
        });
    }

    /** Every entry, by id; a QueueException naming the first unreadable entry file. */
    public List<QueueEntry> list() throws IOException {
        return list(bad -> {
            throw bad;
        });
    }

    /** What to do with an entry file that cannot be read. */
    public interface Unreadable {
        /** Throws to stop listing, or returns to skip the file. */
        void skip(QueueException e) throws QueueException;
    }

    /** Every readable entry, by id; unreadable files go to unreadable (the scheduler skips them and goes on). */
    public List<QueueEntry> list(Unreadable unreadable) throws IOException {
        List<QueueEntry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> ENTRY.matcher(f.getFileName().toString()).matches()).toList()) {
                try {
                    out.add(read(f));
                } catch (QueueException e) {
                    unreadable.skip(e);
                }
            }
        }
        out.sort(Comparator.comparingInt(e -> number(e.id)));
        return out;
    }

    /** The entry with this id, or a QueueException saying there is none. */
    public QueueEntry get(String id) throws IOException {
        Path f = folder.resolve(id + ".json");
        if (!ENTRY.matcher(id + ".json").matches() || !Files.isRegularFile(f)) {
            throw new QueueException(folder, "no entry " + id + " (queue list shows the ids)");
        }
        return read(f);
    }

    /**
     * Cancels an entry: a queued or interrupted one at once; a running one is marked cancel-requested and its
     * scheduler stops it (at its next training step, with a checkpoint). Returns the entry as it now is.
     */
    public QueueEntry cancel(String id) throws IOException {
        return update(id, e -> {
            switch (e.state) {
                case QUEUED, INTERRUPTED -> {
                    e.become(RunState.CANCELLED);
                    e.finished = Instant.now();
                }
                case RUNNING -> e.cancelRequested = true;
                default -> throw new QueueException(null, id + " is " + e.state.json() + "; nothing to cancel");
            }
        });
    }

    /** Puts a failed, cancelled or interrupted entry back in the queue (it resumes from its last checkpoint). */
    public QueueEntry retry(String id) throws IOException {
        return update(id, e -> {
            if (!e.state.retryable()) {
                throw new QueueException(null, id + " is " + e.state.json() + "; only failed, cancelled or "
                        + "interrupted runs can be retried");
            }
            e.become(RunState.QUEUED);
            e.cancelRequested = false;
            e.error = null;
            e.finished = null;
        });
    }

    /** A change to one entry, made under the queue lock. */
    interface Change {
        /** Changes e in place, or throws to leave the stored entry untouched. */
        void apply(QueueEntry e) throws IOException;
    }

    /** Reads the entry, applies the change and writes it back, all under the queue lock; returns the new entry. */
    QueueEntry update(String id, Change change) throws IOException {
        return locked(() -> {
            QueueEntry e = get(id);
            change.apply(e);
            write(e);
            return e;
        });
    }

    /** Work done under the queue lock. */
    interface Locked<T> {
        /** The work. */
        T run() throws IOException;
    }

    /** Runs work holding the queue's exclusive lock (waits for other processes and threads holding it). */
    <T> T locked(Locked<T> work) throws IOException {
        Path lockFile = folder.resolve("queue.lock");
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvm.lock();
        try {
            if (jvm.getHoldCount() > 1) {
                return work.run();
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return work.run();
            }
        } finally {
            jvm.unlock();
        }
    }

    /** The one scheduler of a runs folder: holds {@code scheduler.lock} until closed (or its process dies). */
    public final class SchedulerLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final Path file;

        private SchedulerLock(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                SCHEDULERS.remove(file);
            }
        }
    }

    /** Becomes this folder's scheduler, or a QueueException naming the process that is it already. */
    public SchedulerLock lockScheduler() throws IOException {
        Path file = folder.resolve("scheduler.lock");
        if (SCHEDULERS.putIfAbsent(file, Boolean.TRUE) != null) {
            throw new QueueException(folder, "a scheduler is running in this process already");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String who = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                throw new QueueException(folder, "another scheduler is running (queue run, pid "
                        + (who.isEmpty() ? "unknown" : who) + ")");
            }
            // The pid is only informative (for the error above): the lock itself is what excludes.
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new SchedulerLock(file, ch, lock);
        } catch (IOException | RuntimeException e) {
            SCHEDULERS.remove(file);
            if (ch != null) {
                ch.close();
            }
            throw e;
        }
    }

    private QueueEntry read(Path f) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new QueueException(f, "not valid JSON: " + e.getMessage(), e);
        }
        return QueueEntry.fromJson(n, f);
    }

    private void write(QueueEntry e) throws IOException {
        writeDurably(folder.resolve(e.id + ".json"),
                (JSON.writeValueAsString(e.toJson(JSON)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    // Temporary file forced to disk, then an atomic rename: after a crash or power cut the entry is the old or
    // the new one, whole.
    private static void writeDurably(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private int nextNumber() throws IOException {
        int max = 0;
        try (Stream<Path> files = Stream.concat(Files.list(folder), Files.list(folder.resolve(PROTOTYPES)))) {
            for (Path f : files.toList()) {
                Matcher m = ENTRY.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(1));
    }

    // NAME-ID, then the overrides' last key segments and values, made file-name safe and kept short.
    static String defaultRunDirName(QueueEntry e) {
        StringBuilder sb = new StringBuilder(safe(e.prototypeName)).append('-').append(e.id);
        for (Setting s : e.overrides) {
            String key = s.key().substring(s.key().lastIndexOf('.') + 1);
            sb.append('-').append(safe(key)).append('-').append(safe(s.value()));
        }
        String name = sb.toString();
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._+-]+", "_").replaceAll("_+", "_").replaceAll("^[_.]+|_+$", "");
        return t.isEmpty() ? "x" : t;
    }
}
