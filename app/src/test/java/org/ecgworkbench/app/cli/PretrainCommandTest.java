package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ecgworkbench.engine.dataset.PretrainPlan;
import org.junit.jupiter.api.Test;

/** pretrain on packed samples/ (one record per class but N: validation fraction 0) and bad parameters. */
class PretrainCommandTest extends CliTest {

    @Test
    void plansTheSamplesAndRefusesBadParameters() throws IOException {
        Path h5 = dir.resolve("samples.h5");
        assertEquals(0, run("pack", "--input", PackCommandTest.SAMPLES.toString(), "--out", h5.toString(),
                "--test-fraction", "0"), err.toString());
        Path plan = dir.resolve("plan.h5");
        assertEquals(0, run("pretrain", "--dataset", h5.toString(), "--out", plan.toString(),
                "--validation-fraction", "0", "--powerline-hz", "60"), err.toString());
        assertTrue(this.out.toString().contains("planned 8 items"), this.out.toString());
        PretrainPlan p = PretrainPlan.open(plan);
        assertEquals(60, p.config().powerlineHz());
        assertTrue(p.command().contains("pretrain --dataset"), p.command());

        Path bad = dir.resolve("bad.h5");
        assertEquals(2, run("pretrain", "--dataset", h5.toString(), "--out", bad.toString(), "--scale", "1.5"));
        assertTrue(err.toString().contains("scale"), err.toString());
        assertEquals(2, run("pretrain", "--dataset", h5.toString(), "--out", bad.toString()));
        assertTrue(err.toString().contains("only 1 training record"), err.toString());
        assertFalse(Files.exists(bad));
    }
}
