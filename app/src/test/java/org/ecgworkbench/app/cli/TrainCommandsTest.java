package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainCommandsTest extends CliTest {

    static final String TINY = "{\"family\": \"fcn1d\", \"blocks\": 2, \"filters\": [8, 8], \"kernel_size\": 5,"
            + " \"reduction\": {\"every\": 1, \"factor\": 4, \"shortcut\": \"max\"}, \"input\": {\"seconds\": 4,"
            + " \"fs\": 250}, \"features\": [\"cv_rr\", \"rmssd_s\"], \"batch_size\": 8, \"epochs\": 2,"
            + " \"early_stopping\": null, \"seed\": 3}";

    @Test
    void summaryTrainEvaluatePredictAsAUserRunsThem() throws IOException {
        Path rec = SyntheticRecords.pairs(dir.resolve("records"), 8);
        Path data = dir.resolve("tiny.h5");
        assertEquals(0, run("pack", "--input", rec.toString(), "--out", data.toString()), err.toString());
        Path proto = Files.writeString(dir.resolve("tiny.json"), TINY);

        assertEquals(0, run("summary", proto.toString(), "--classes", "A,N"), err.toString());
        assertTrue(out.toString().contains("merge_features") && out.toString().contains("parameters:"), out.toString());

        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--prototype", proto.toString(), "--dataset", data.toString(), "--run-dir",
                runDir.toString()), err.toString());
        assertTrue(out.toString().contains("epoch 2:") && out.toString().contains("done: "), out.toString());
        assertTrue(Files.isRegularFile(runDir.resolve("checkpoints/best.zip")));

        assertEquals(0, run("train", "--resume", runDir.toString()), err.toString());
        assertTrue(out.toString().contains("done: "), out.toString());

        assertEquals(0, run("evaluate", "--model", runDir.toString(), "--dataset", data.toString()), err.toString());
        assertTrue(out.toString().contains("score (mean F1 of A, N)") && out.toString().contains("ref\\pred"),
                out.toString());

        int validation = validationItems(runDir);
        assertEquals(0, run("evaluate", "--model", runDir.toString(), "--dataset", data.toString(), "--split",
                "validation", "--checkpoint", "last"), err.toString());
        assertTrue(out.toString().contains("(checkpoints/last.zip)")
                && out.toString().contains("split validation: " + validation + " recordings"), out.toString());
        assertEquals(1, run("evaluate", "--model", runDir.toString(), "--dataset", data.toString(), "--checkpoint",
                "average"));
        assertTrue(err.toString().contains("average.zip") && err.toString().contains("sets no average_epochs"),
                err.toString());
        assertEquals(2, run("evaluate", "--model", runDir.toString(), "--dataset", data.toString(), "--checkpoint",
                "newest"));
        assertTrue(err.toString().contains("--checkpoint must be model, best, last or average"), err.toString());

        Path averaged = dir.resolve("averaged");
        assertEquals(0, run("train", "--prototype", proto.toString(), "--dataset", data.toString(), "--run-dir",
                averaged.toString(), "--set", "average_epochs=2"), err.toString());
        assertTrue(out.toString().contains("weight average of epochs 1-2"), out.toString());
        assertEquals(0, run("evaluate", "--model", averaged.toString(), "--dataset", data.toString()), err.toString());
        assertTrue(out.toString().contains("(checkpoints/average.zip)"), out.toString());

        Path preds = dir.resolve("preds.csv");
        assertEquals(0, run("predict", "--model", runDir.toString(), "--out", preds.toString(), rec.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("name,label,pN,pA", lines.get(0));
        assertEquals(17, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertTrue(f[1].equals("N") || f[1].equals("A"), line);
            assertEquals(1, Double.parseDouble(f[2]) + Double.parseDouble(f[3]), 1e-4, line);
        }
    }

    /** How many validation items a run holds out, from its preprocessing.json. */
    private static int validationItems(Path runDir) throws IOException {
        return new ObjectMapper().readTree(runDir.resolve("preprocessing.json").toFile()).path("validation_items").size();
    }

    @Test
    void badInputIsNamedAndNothingIsLost() throws IOException {
        Path proto = Files.writeString(dir.resolve("typo.json"), TINY.replace("\"kernel_size\"", "\"kernel_sise\""));
        assertEquals(1, run("summary", proto.toString(), "--classes", "A,N"));
        assertTrue(err.toString().contains("typo.json") && err.toString().contains("kernel_sise"), err.toString());

        Path runDir = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(runDir.resolve("mine.txt"), "keep");
        Path good = Files.writeString(dir.resolve("tiny.json"), TINY);
        assertEquals(1, run("train", "--prototype", good.toString(), "--dataset", dir.resolve("none.h5").toString(),
                "--run-dir", runDir.toString()));
        assertTrue(err.toString().contains("busy") && err.toString().contains("not empty"), err.toString());
        assertEquals("keep", Files.readString(runDir.resolve("mine.txt")));
        assertEquals(1, run("train", "--prototype", good.toString(), "--dataset", dir.resolve("none.h5").toString(),
                "--run-dir", dir.resolve("fresh").toString()));
        assertTrue(err.toString().contains("none.h5"), err.toString());
        assertTrue(Files.notExists(dir.resolve("fresh")), "no half-made run directory");

        assertEquals(1, run("predict", "--model", dir.resolve("no-run").toString(), dir.toString()));
        assertTrue(err.toString().contains("no-run"), err.toString());
    }
}
