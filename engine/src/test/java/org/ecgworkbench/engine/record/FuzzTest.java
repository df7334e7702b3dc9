package org.ecgworkbench.engine.record;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated real files (truncations, bit flips, insertions, extreme header fields, bad format numbers,
 * non-UTF-8 bytes, garbage) must only ever raise RecordFormatException, without hanging.
 * Fixed seeds keep every run identical; small copies keep it fast.
 */
class FuzzTest {

    /** A hang guard, not a speed requirement. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    private static final String[] TOKENS = {
        "-1", "0", "1", "99999999999999999999", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "1e308", "1e-320", "NaN", "Infinity", "", "16+99999999", "16+18446744073709551615", "212x3", "212:5",
        "999", "8", "80", "16", "212", "310", "0/mV", "(((", ")", "1/2/3/4", "25:61:61", "/", "abc\u00ff",
        "200(99999999999)/mV", "-0", "+5", "1.5.5", "/x", "x.dat", "-", "..", "0x10", "5e", "\t",
    };

    @TempDir
    Path dir;

    private final Random random = new Random(20171101);
    private int cases;
    private int rejected;

    @FunctionalInterface
    interface Reader {
        void read() throws Exception;
    }

    private void check(String what, Reader reader) {
        cases++;
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                reader.read();
            } catch (RecordFormatException expected) {
                rejected++;  // the only exception allowed
            } catch (Throwable t) {
                fail(what + ": " + t, t);
            }
        }, what + ": hang");
    }

    private byte[] mutate(byte[] in) {
        byte[] b = in.clone();
        int op = random.nextInt(10);
        int n = b.length;
        return switch (op) {
            case 0 -> Arrays.copyOf(b, n == 0 ? 0 : random.nextInt(n));
            case 1, 2 -> {
                for (int k = 1 + random.nextInt(8); k > 0 && n > 0; k--) {
                    b[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                yield b;
            }
            case 3 -> {
                int at = random.nextInt(n + 1);
                byte[] ins = new byte[1 + random.nextInt(16)];
                random.nextBytes(ins);
                byte[] out = new byte[n + ins.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(b, at, out, at + ins.length, n - at);
                yield out;
            }
            case 4 -> {
                int from = random.nextInt(n + 1);
                int to = Math.min(n, from + random.nextInt(64));
                byte[] out = new byte[n - (to - from)];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, to, out, from, n - to);
                yield out;
            }
            case 5 -> {
                if (n >= 4) {
                    int at = random.nextInt(n - 3);
                    int v = new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, random.nextInt()}[random.nextInt(5)];
                    for (int k = 0; k < 4; k++) {
                        b[at + k] = (byte) (v >> (8 * k));
                    }
                }
                yield b;
            }
            case 6 -> {
                byte[] g = new byte[random.nextInt(2000)];
                random.nextBytes(g);
                yield g;
            }
            case 7 -> {
                for (int k = 0; k < 1 + random.nextInt(4) && n > 0; k++) {
                    b[random.nextInt(n)] = (byte) (0x80 + random.nextInt(128));  // non-UTF-8 in text
                }
                yield b;
            }
            default -> mutateToken(b);
        };
    }

    /** Replaces one whitespace-separated token, the way a broken header field would look. */
    private byte[] mutateToken(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                spans.add(new int[] {start, i});
            }
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String token = random.nextInt(4) == 0 ? Long.toString(random.nextLong() >> random.nextInt(64))
                : TOKENS[random.nextInt(TOKENS.length)];
        String out = s.substring(0, span[0]) + token + s.substring(span[1]);
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] head(Path file, int bytes) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, Math.min(bytes, all.length));
    }

    /** Writes n mutations of original to target, reading each; leaves the original in place afterwards. */
    private void fuzz(String what, byte[] original, Path target, int n, Reader reader) throws Exception {
        for (int k = 0; k < n; k++) {
            Files.write(target, mutate(original));
            check(what + " case " + k, reader);
        }
        Files.write(target, original);
    }

    private void assertMeaningful(int minCases) {
        assertTrue(cases >= minCases, cases + " cases");
        assertTrue(rejected > cases / 10 && rejected < cases, rejected + " of " + cases + " rejected");
        System.out.println(getClass().getSimpleName() + ": " + cases + " cases, " + rejected + " rejected");
    }

    @Test
    void realWfdbHeaderSignalFileAndAnnotations() throws Exception {
        Path mitdb = TestData.dir("mitdb");
        // 6666 frames of 2 signals in format 212 take 19998 bytes.
        String header = new String(Files.readAllBytes(mitdb.resolve("101.hea")), StandardCharsets.UTF_8)
                .replace("101 2 360 650000", "101 2 360 6666");
        byte[] hea = header.getBytes(StandardCharsets.UTF_8);
        Path heaFile = dir.resolve("101.hea");
        Files.write(heaFile, hea);
        Files.write(dir.resolve("101.dat"), head(mitdb.resolve("101.dat"), 20000));
        fuzz("hea", hea, heaFile, 300, () -> Records.read(dir.resolve("101")));
        fuzz("dat", Files.readAllBytes(dir.resolve("101.dat")), dir.resolve("101.dat"), 200, () -> Records.read(heaFile));
        fuzz("atr", Files.readAllBytes(mitdb.resolve("101.atr")), dir.resolve("101.atr"), 250,
                () -> Records.readAnnotations(dir.resolve("101"), "atr"));
        assertMeaningful(750);
    }

    @Test
    void realCincMatWithAndWithoutHeaderAndLabels() throws Exception {
        Path cinc = TestData.dir("cinc2017");
        byte[] mat = Files.readAllBytes(cinc.resolve("A00013.mat"));
        Files.write(dir.resolve("A00013.mat"), mat);
        Files.write(dir.resolve("A00013.hea"), Files.readAllBytes(cinc.resolve("A00013.hea")));
        fuzz("mat+hea", mat, dir.resolve("A00013.mat"), 150, () -> Records.read(dir.resolve("A00013.mat")));
        fuzz("mat", mat, dir.resolve("B00001.mat"), 150, () -> Records.read(dir.resolve("B00001.mat")));
        fuzz("cinc hea", Files.readAllBytes(cinc.resolve("A00013.hea")), dir.resolve("A00013.hea"), 100,
                () -> Records.read(dir.resolve("A00013")));
        fuzz("labels", head(cinc.resolve("REFERENCE.csv"), 2000), dir.resolve("REFERENCE.csv"), 50,
                () -> Records.readLabels(dir.resolve("REFERENCE.csv")));
        assertMeaningful(450);
    }

    @Test
    void generatedWfdbAndAnnotations() throws Exception {
        Random values = new Random(3);
        int[] interleaved = new int[2 * 400];
        for (int i = 0; i < interleaved.length; i++) {
            interleaved[i] = values.nextInt(4096) - 2048;
        }
        Files.write(dir.resolve("g.dat"), WfdbReaderTest.encode212(interleaved));
        byte[] hea = ("g 2 360 400 12:00:00 01/01/2000\r\ng.dat 212 200 12 0 " + interleaved[0] + " 0 0 I\r\n"
                + "g.dat 212 200(5)/uV 12 0 " + interleaved[1] + " 0 0 II\r\n# comment\r\n").getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("g.hea"), hea);
        fuzz("generated 212 hea", hea, dir.resolve("g.hea"), 200, () -> Records.read(dir.resolve("g")));
        byte[] h2 = "h 2 500\nh1.dat 16+6 1000\nh2.dat 80 10\n".getBytes(StandardCharsets.UTF_8);
        byte[] d16 = new byte[806];
        values.nextBytes(d16);
        byte[] d80 = new byte[400];
        values.nextBytes(d80);
        Files.write(dir.resolve("h.hea"), h2);
        Files.write(dir.resolve("h2.dat"), d80);
        fuzz("generated 16 dat", d16, dir.resolve("h1.dat"), 100, () -> Records.read(dir.resolve("h.hea")));
        fuzz("generated 16/80 hea", h2, dir.resolve("h.hea"), 150, () -> Records.read(dir.resolve("h")));
        java.io.ByteArrayOutputStream atr = new java.io.ByteArrayOutputStream();
        int[] words = {(28 << 10) | 5, (63 << 10) | 5, '(' | ('A' << 8), 'F' | ('I' << 8), 'B', (1 << 10) | 300,
            (62 << 10) | 1, (60 << 10) | 3, (5 << 10) | 280, (61 << 10) | 2, 59 << 10, 1, 0, (1 << 10), 0};
        for (int w : words) {
            atr.write(w & 0xFF);
            atr.write(w >> 8);
        }
        fuzz("generated atr", atr.toByteArray(), dir.resolve("g.atr"), 200, () -> Records.readAnnotations(dir.resolve("g"), "atr"));
        assertMeaningful(650);
    }

    @Test
    void csv() throws Exception {
        StringBuilder sb = new StringBuilder("time;MLII;V1\n");
        Random values = new Random(7);
        for (int s = 0; s < 300; s++) {
            sb.append(s / 360.0).append(';').append(values.nextGaussian()).append(';').append(values.nextInt(2000) - 1000).append('\n');
        }
        Path file = dir.resolve("x.csv");
        fuzz("csv", sb.toString().getBytes(StandardCharsets.UTF_8), file, 200, 
                () -> Records.write(Records.read(file, 360), dir.resolve("out"), Records.Format.WFDB));
        assertMeaningful(200);
    }
}
