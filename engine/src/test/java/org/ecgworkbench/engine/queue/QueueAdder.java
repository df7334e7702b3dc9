package org.ecgworkbench.engine.queue;

import java.nio.file.Path;
import java.util.List;

/** A separate process adding entries one by one: java ... QueueAdder RUNS_DIR COUNT TAG. */
public final class QueueAdder {

    private QueueAdder() {
    }

    /** Adds COUNT entries to RUNS_DIR's queue, each its own locked change. */
    public static void main(String[] args) throws Exception {
        Path runs = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        RunQueue q = RunQueue.open(runs);
        for (int i = 0; i < count; i++) {
            q.add(List.of(QueueFixtures.request(runs.getParent(),
                    List.of(new Setting("name", "\"" + args[2] + "-" + i + "\"")))));
        }
    }
}
