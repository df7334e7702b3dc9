package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two other processes and this one add entries at the same time while a scheduler (in this process) runs and
 * rewrites entries: the file lock keeps every id distinct and no change is lost.
 */
class ConcurrentAddTest {

    @TempDir
    Path dir;

    @Test
    void addsFromSeveralProcessesWhileTheSchedulerRuns() throws Exception {
        Path runs = dir.resolve("runs");
        RunQueue q = RunQueue.open(runs);
        FakeExecutor x = new FakeExecutor(3, 2);
        List<String> log = new ArrayList<>();
        Scheduler s = new Scheduler(q, x, new Scheduler.Settings(true, Duration.ofMillis(2), Duration.ofSeconds(5)),
                line -> { });
        Thread scheduler = new Thread(() -> {
            try {
                s.run();
            } catch (Exception e) {
                log.add(e.toString());
            }
        });
        scheduler.start();

        int each = 15;
        List<Process> adders = new ArrayList<>();
        for (String tag : List.of("a", "b")) {
            adders.add(new ProcessBuilder(QueueFixtures.java(), "-cp", QueueFixtures.testClassPath(),
                    QueueAdder.class.getName(), runs.toString(), Integer.toString(each), tag).inheritIO().start());
        }
        for (int i = 0; i < each; i++) {
            q.add(List.of(QueueFixtures.request(dir, List.of(new Setting("name", "\"main-" + i + "\"")))));
        }
        for (Process p : adders) {
            p.waitFor(120, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), "adder process failed");
        }
        SchedulerTest.waitFor(() -> q.list().stream().allMatch(e -> e.state() == RunState.DONE));
        s.shutdown(Duration.ofSeconds(10));
        scheduler.join(10_000);
        assertEquals(List.of(), log);

        List<QueueEntry> all = q.list();
        assertEquals(3 * each, all.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(String.format("q%04d", i + 1), all.get(i).id());
            assertEquals(RunState.DONE, all.get(i).state());
            assertEquals(1, all.get(i).attempts(), "started exactly once");
            names.add(all.get(i).prototypeName());
        }
        assertEquals(3 * each, names.size(), "every process's entries are there: " + names);
        assertEquals(3 * each, x.starts.size());
    }
}
