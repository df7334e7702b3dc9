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

    @Test
    void wfdbHeaderSignalFileAndAnnotations() throws Exception {
        Path mitdb = TestData.dir("mitdb");
        // 6666 frames of 2 signals in format 212 take 19998 bytes.
        String header = new String(Files.readAllBytes(mitdb.resolve("101.hea")), StandardCharsets.UTF_8)
                .replace("101 2 360 650000", "101 2 360 6666");
        byte[] hea = header.getBytes(StandardCharsets.UTF_8);
        byte[] dat = head(mitdb.resolve("101.dat"), 20000);
        byte[] atr = Files.readAllBytes(mitdb.resolve("101.atr"));
        Path heaFile = dir.resolve("101.hea");
        Path datFile = dir.resolve("101.dat");
        Path atrFile = dir.resolve("101.atr");
        Files.write(datFile, dat);
        for (int k = 0; k < 300; k++) {
            Files.write(heaFile, mutate(hea));
            check("hea case " + k, () -> Records.read(dir.resolve("101")));
        }
        Files.write(heaFile, hea);
        for (int k = 0; k < 200; k++) {
            Files.write(datFile, mutate(dat));
            check("dat case " + k, () -> Records.read(heaFile));
        }
        Files.write(datFile, dat);
        for (int k = 0; k < 250; k++) {
            Files.write(atrFile, mutate(atr));
            check("atr case " + k, () -> Records.readAnnotations(dir.resolve("101"), "atr"));
        }
        assertTrue(cases >= 750);
        assertTrue(rejected > cases / 10 && rejected < cases, rejected + " of " + cases + " rejected");
        System.out.println(getClass().getSimpleName() + ": " + cases + " cases, " + rejected + " rejected");
    }

    @Test
    void cincMatWithAndWithoutHeaderAndLabels() throws Exception {
        Path cinc = TestData.dir("cinc2017");
        byte[] mat = Files.readAllBytes(cinc.resolve("A00013.mat"));
        byte[] hea = Files.readAllBytes(cinc.resolve("A00013.hea"));
        byte[] ref = head(cinc.resolve("REFERENCE.csv"), 2000);
        Path withHeader = dir.resolve("A00013.mat");
        Path bare = dir.resolve("B00001.mat");
        Files.write(withHeader, mat);
        Files.write(dir.resolve("A00013.hea"), hea);
        for (int k = 0; k < 150; k++) {
            byte[] m = mutate(mat);
            Files.write(withHeader, m);
            check("mat+hea case " + k, () -> Records.read(withHeader));
            Files.write(bare, m);
            check("mat case " + k, () -> Records.read(bare));
        }
        Files.write(withHeader, mat);
        for (int k = 0; k < 100; k++) {
            Files.write(dir.resolve("A00013.hea"), mutate(hea));
            check("cinc hea case " + k, () -> Records.read(dir.resolve("A00013")));
        }
        Path refFile = dir.resolve("REFERENCE.csv");
        for (int k = 0; k < 50; k++) {
            Files.write(refFile, mutate(ref));
            check("labels case " + k, () -> Records.readLabels(refFile));
        }
        assertTrue(cases >= 450);
        assertTrue(rejected > cases / 10 && rejected < cases, rejected + " of " + cases + " rejected");
        System.out.println(getClass().getSimpleName() + ": " + cases + " cases, " + rejected + " rejected");
    }

    @Test
    void csv() throws Exception {
        StringBuilder sb = new StringBuilder("time;MLII;V1\n");
        Random values = new Random(7);
        for (int s = 0; s < 300; s++) {
            sb.append(s / 360.0).append(';').append(values.nextGaussian()).append(';').append(values.nextInt(2000) - 1000).append('\n');
        }
        byte[] csv = sb.toString().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("x.csv");
        for (int k = 0; k < 200; k++) {
            Files.write(file, mutate(csv));
            check("csv case " + k, () -> Records.read(file, 360));
            check("csv to wfdb case " + k, () -> {
                try {
                    Records.write(Records.read(file, 360), dir.resolve("out"), Records.Format.WFDB);
                } catch (RecordFormatException e) {
                    // the input was rejected: fine
                }
            });
        }
        assertTrue(cases >= 400);
        assertTrue(rejected > cases / 10 && rejected < cases, rejected + " of " + cases + " rejected");
        System.out.println(getClass().getSimpleName() + ": " + cases + " cases, " + rejected + " rejected");
    }
}
