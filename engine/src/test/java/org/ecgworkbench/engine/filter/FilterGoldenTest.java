package org.ecgworkbench.engine.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every filter case of golden/filters/cases.json (made by make_golden.py with SciPy) on both execution
 * paths. Tolerance: max |Δ| ≤ 1e-10 · max|y_scipy| for float64 input, 1e-4 · max|y_scipy| for float32.
 */
class FilterGoldenTest {

    private static final String DIR = "/golden/filters/";

    @TestFactory
    Stream<DynamicTest> scipyCasesOnBothPaths() throws IOException {
        JsonNode meta = json("cases.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : meta.get("cases")) {
            for (FilterPath path : new FilterPath[] {FilterPath.SERIAL, FilterPath.CHUNKED}) {
                String name = c.get("name").asText() + " " + c.get("op").asText() + " " + c.get("dtype").asText()
                        + " rows=" + c.get("lengths").size() + " " + c.get("note").asText() + " [" + path + "]";
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(c, path)));
            }
        }
        return tests.stream();
    }

    private static void runCase(JsonNode c, FilterPath path) throws Exception {
        String op = c.get("op").asText();
        int[] lengths = ints(c.get("lengths"));
        boolean f32 = c.get("dtype").asText().equals("float32");
        double[][] rows = GoldenSignals.batch(c.get("seed").asLong(), lengths);
        int stride = 0;
        for (int len : lengths) {
            stride = Math.max(stride, len);
        }
        boolean ragged = false;
        for (int len : lengths) {
            ragged |= len != stride;
        }
        INDArray x;
        if (lengths.length == 1) {
            x = Nd4j.createFromArray(rows[0]);
        } else {
            double[][] padded = new double[lengths.length][stride];
            for (int r = 0; r < lengths.length; r++) {
                System.arraycopy(rows[r], 0, padded[r], 0, lengths[r]);
            }
            x = Nd4j.create(padded);
        }
        if (f32) {
            x = x.castTo(DataType.FLOAT);
        }
        int[] lens = ragged ? lengths : null;
        LinearFilter filter = c.get("ba").isNull()
                ? new Sos(matrix(c.get("sos")))
                : new TransferFunction(doubles(c.get("ba").get(0)), doubles(c.get("ba").get(1)));
        PadType padtype = c.get("padtype").isNull() ? PadType.NONE : PadType.parse(c.get("padtype").asText());
        Integer padlen = c.get("padlen").isNull() ? null : c.get("padlen").asInt();
        INDArray zi = null;
        if (c.has("zi_values")) {
            double[][] z = matrix(c.get("zi_values"));
            zi = lengths.length == 1 ? Nd4j.createFromArray(z[0]) : Nd4j.create(z);
        }
        INDArray y;
        INDArray zf = null;
        switch (op) {
            case "filtfilt", "sosfiltfilt" -> y = Filtfilt.run(filter, x, lens, padtype, padlen, path);
            case "lfilter", "sosfilt" -> {
                Lfilter.Result r = Lfilter.run(filter, x, lens, zi, path);
                y = r.y();
                zf = r.zf();
            }
            default -> throw new IllegalStateException(op);
        }
        assertArrayEquals(x.shape(), y.shape(), "output shape");
        assertEquals(x.dataType(), y.dataType(), "output dtype");
        double tol = f32 ? 1e-4 : 1e-10;
        INDArray expected = Nd4j.createFromNpyFile(resource(c.get("name").asText() + ".npy"));
        double[][] triples = expected.toDoubleMatrix();
        double scale = 0;
        for (double[] t : triples) {
            scale = Math.max(scale, Math.abs(t[2]));
        }
        double[][] got = y.castTo(DataType.DOUBLE).reshape(lengths.length, stride).toDoubleMatrix();
        double worst = 0;
        for (double[] t : triples) {
            worst = Math.max(worst, Math.abs(got[(int) t[0]][(int) t[1]] - t[2]));
        }
        System.out.printf("golden %s %-11s %-7s rows=%-3d max|Δ|/max|y| = %.2e%n", c.get("name").asText(), op,
                path, lengths.length, worst / scale);
        assertTrue(worst <= tol * scale, "max |Δ| = " + worst + " > " + tol + " · " + scale);
        for (int r = 0; r < lengths.length; r++) {
            for (int t = lengths[r]; t < stride; t++) {
                assertEquals(0.0, got[r][t], "sample past the end of row " + r);
            }
        }
        if (c.get("has_zf").asBoolean()) {
            double[][] zfWant = Nd4j.createFromNpyFile(resource(c.get("name").asText() + "_zf.npy")).toDoubleMatrix();
            double[][] zfGot = zf.castTo(DataType.DOUBLE).reshape(zfWant.length, zfWant[0].length).toDoubleMatrix();
            double zScale = 0;
            double zWorst = 0;
            for (int r = 0; r < zfWant.length; r++) {
                for (int k = 0; k < zfWant[r].length; k++) {
                    zScale = Math.max(zScale, Math.abs(zfWant[r][k]));
                    zWorst = Math.max(zWorst, Math.abs(zfWant[r][k] - zfGot[r][k]));
                }
            }
            assertTrue(zWorst <= tol * zScale, "zf max |Δ| = " + zWorst + " > " + tol + " · " + zScale);
        }
    }

    static JsonNode json(String name) throws IOException {
        try (InputStream in = FilterGoldenTest.class.getResourceAsStream(DIR + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static File resource(String name) throws URISyntaxException {
        URL url = FilterGoldenTest.class.getResource(DIR + name);
        return new File(url.toURI());
    }

    static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(node.get(i));
        }
        return out;
    }
}
