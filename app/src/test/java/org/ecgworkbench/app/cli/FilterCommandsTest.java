package org.ecgworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.ecgworkbench.engine.filter.BandType;
import org.ecgworkbench.engine.filter.Butter;
import org.ecgworkbench.engine.filter.Filtfilt;
import org.ecgworkbench.engine.filter.Lfilter;
import org.ecgworkbench.engine.filter.TransferFunction;
import org.ecgworkbench.engine.io.Npy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** butter, lfilter and filtfilt as the CLI runs them: .npy in, .npy out, same numbers as the engine. */
class FilterCommandsTest extends CliTest {

    private static String csv(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Double::toString).toArray(String[]::new));
    }

    @Test
    void butterPrintsCoefficientsThatReadBackExactly() {
        assertEquals(0, run("butter", "--order", "3", "--wn", "5,15", "--btype", "bandpass", "--fs", "300"));
        String[] lines = out.toString().trim().split("\\R");
        TransferFunction tf = Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 300);
        assertEquals("b=" + csv(tf.b()), lines[0]);
        assertEquals("a=" + csv(tf.a()), lines[1]);
        double[] b = Arrays.stream(lines[0].substring(2).split(",")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(tf.b(), b, 0.0);
    }

    @Test
    void filtfiltAndLfilterKeepShapeAndDtype() throws Exception {
        TransferFunction tf = Butter.ba(2, new double[] {40}, BandType.LOWPASS, 250);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 400);
        Path in = dir.resolve("x.npy");
        Npy.write(x, in);
        for (String path : new String[] {"serial", "chunked"}) {
            Path y = dir.resolve("y-" + path + ".npy");
            assertEquals(0, run("filtfilt", "--b", csv(tf.b()), "--a", csv(tf.a()), "--in", in.toString(),
                    "--out", y.toString(), "--padtype", "even", "--path", path), err.toString());
            INDArray got = Npy.read(y);
            assertEquals(DataType.FLOAT, got.dataType());
            assertArrayEquals(new long[] {3, 400}, got.shape());
            INDArray want = Filtfilt.filtfilt(tf.b(), tf.a(), x, org.ecgworkbench.engine.filter.PadType.EVEN, null);
            assertTrue(want.equalsWithEps(got, 1e-5), path);
        }
        Path zi = dir.resolve("zi.npy");
        Npy.write(Nd4j.createFromArray(Lfilter.lfilterZi(tf.b(), tf.a())), zi);
        Path y = dir.resolve("l.npy");
        Path zf = dir.resolve("zf.npy");
        assertEquals(0, run("lfilter", "--b", csv(tf.b()), "--a", csv(tf.a()), "--in", in.toString(), "--out",
                y.toString(), "--zi", zi.toString(), "--zf-out", zf.toString()), err.toString());
        assertArrayEquals(new long[] {3, 2}, Npy.read(zf).shape());
        assertArrayEquals(new long[] {3, 400}, Npy.read(y).shape());
    }

    @Test
    void badInputGivesOneErrorLineNamingTheFile() throws Exception {
        Path in = dir.resolve("short.npy");
        Npy.write(Nd4j.createFromArray(1.0, 2.0, 3.0), in);
        assertEquals(1, run("filtfilt", "--b", "1,2,1", "--a", "1,-0.5,0.2", "--in", in.toString(), "--out",
                dir.resolve("o.npy").toString()));
        assertTrue(err.toString().contains("must be greater than padlen, which is 9"), err.toString());
        Path garbage = dir.resolve("garbage.npy");
        Files.writeString(garbage, "not an array");
        assertEquals(1, run("lfilter", "--b", "1", "--a", "1", "--in", garbage.toString(), "--out",
                dir.resolve("o.npy").toString()));
        assertTrue(err.toString().contains(garbage + " byte 0: not a .npy file"), err.toString());
        assertEquals(1, run("butter", "--order", "2", "--wn", "200", "--fs", "300"));
        assertTrue(err.toString().contains("critical frequencies must be 0 < Wn < fs/2"), err.toString());
    }
}
