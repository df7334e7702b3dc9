package org.ecgworkbench.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** .npy files written by NumPy (make_npy.py) read back exactly; round trips; malformed files raise NpyFormatException. */
class NpyTest {

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsNumpyFilesInEveryOrderAndVersion() throws Exception {
        double[][] expected = {{0 / 7.0, 1 / 7.0, 2 / 7.0}, {3 / 7.0, 4 / 7.0, 5 / 7.0}};
        for (String name : new String[] {"c_f8.npy", "fortran_f8.npy", "v2_f8.npy"}) {
            INDArray a = Npy.read(fixture(name));
            assertEquals(DataType.DOUBLE, a.dataType(), name);
            assertArrayEquals(new long[] {2, 3}, a.shape(), name);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(expected[i], a.toDoubleMatrix()[i], 0.0, name);
            }
        }
        INDArray big = Npy.read(fixture("big_f4.npy"));
        assertEquals(DataType.FLOAT, big.dataType());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, big.toFloatVector());
        assertArrayEquals(new long[] {5}, Npy.read(fixture("vec_f4.npy")).shape());
    }

    @Test
    void roundTripKeepsShapeTypeAndBits() throws IOException {
        INDArray d = Nd4j.rand(DataType.DOUBLE, 3, 7);
        Path p = tmp.resolve("d.npy");
        Npy.write(d, p);
        assertEquals(d, Npy.read(p));
        INDArray f = Nd4j.rand(DataType.FLOAT, 11);
        Npy.write(f, p);
        INDArray back = Npy.read(p);
        assertEquals(DataType.FLOAT, back.dataType());
        assertEquals(f, back);
        assertEquals(0, (Files.size(p) - 11 * 4) % 64, "header padded to 64 bytes as NumPy does");
    }

    @Test
    void unsupportedDtypeIsNamed() throws Exception {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(fixture("int16.npy")));
        assertTrue(e.getMessage().contains("int16.npy") && e.getMessage().contains("<i2"), e.getMessage());
    }

    @Test
    void mutatedFilesRaiseOnlyNpyFormatException() throws Exception {
        byte[] good = Files.readAllBytes(fixture("c_f8.npy"));
        Random rnd = new Random(7);
        Path p = tmp.resolve("m.npy");
        int rejected = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] b;
            switch (i % 3) {
                case 0 -> b = java.util.Arrays.copyOf(good, rnd.nextInt(good.length));
                case 1 -> {
                    b = good.clone();
                    for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                default -> {
                    b = good.clone();
                    int at = 10 + rnd.nextInt(60);
                    String junk = new String[] {"(99999999999, 3)", "(-2, 3)", "'<f8'", "(", "'descr':'<c16'"}[rnd.nextInt(5)];
                    byte[] j = junk.getBytes();
                    System.arraycopy(j, 0, b, Math.min(at, b.length - j.length), j.length);
                }
            }
            Files.write(p, b);
            try {
                Npy.read(p);
            } catch (NpyFormatException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            } catch (Throwable t) {
                fail("case " + i + ": " + t, t);
            }
        }
        assertTrue(rejected > 500, "most mutations must be rejected, got " + rejected);
    }
}
