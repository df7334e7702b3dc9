package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ecgworkbench.engine.train.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handle that learns where its run executes after the start (a Spark task and attempt) updates the entry. */
class SchedulerWhereTest {

    @TempDir
    Path dir;

    /** Runs for a few polls: first where nothing is known, then "attempt 1", then "attempt 2", then finishes. */
    private static final class Moving implements RunExecutor {
        @Override
        public String name() {
            return "moving";
        }

        @Override
        public List<Slot> slots() {
            return List.of(new Slot(0, 1, null));
        }

        @Override
        public RunHandle start(QueueEntry e, Slot s, boolean resume) throws IOException {
            Files.createDirectories(e.runDir());
            return new RunHandle() {
                int polls;

                @Override
                public long pid() {
                    return 1;
                }

                @Override
                public boolean alive() {
                    polls++;
                    if (polls < 6) {
                        return true;
                    }
                    try {
                        Files.writeString(e.runDir().resolve(RunFiles.STATE), "{\"epoch\": 2, \"finished\": true}");
                    } catch (IOException x) {
                        throw new IllegalStateException(x);
                    }
                    return false;
                }

                @Override
                public int exitCode() {
                    return 0;
                }

                @Override
                public void requestStop() {
                }

                @Override
                public void kill() {
                }

                @Override
                public String where() {
                    return polls < 2 ? null : "moving task 7 attempt " + (polls < 4 ? 1 : 2);
                }
            };
        }

        @Override
        public String abandon(QueueEntry e) {
            return "nothing";
        }
    }

    @Test
    void theEntryFollowsWhereItsRunExecutes() throws Exception {
        RunQueue q = RunQueue.open(dir.resolve("runs"));
        q.add(List.of(QueueFixtures.request(dir, List.of())));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        new Scheduler(q, new Moving(), new Scheduler.Settings(false, Duration.ofMillis(1), Duration.ofSeconds(1)),
                log::add).run();
        QueueEntry e = q.get("q0001");
        assertEquals(RunState.DONE, e.state());
        assertEquals("moving task 7 attempt 2", e.where());
        assertTrue(log.contains("q0001 runs on moving task 7 attempt 1"), String.join("\n", log));
        assertTrue(log.contains("q0001 runs on moving task 7 attempt 2"), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("q0001 started on moving slot 0")), String.join("\n", log));
    }
}
