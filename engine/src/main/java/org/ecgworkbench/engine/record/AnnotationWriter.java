package org.ecgworkbench.engine.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes MIT-format WFDB annotation files (annotation(5)), the format {@link AnnotationReader} reads.
 *
 * <p>Each annotation is one 16-bit word (code in the top 6 bits, the sample gap to the previous
 * annotation in the low 10 bits); a gap outside 0..1023 samples is written as a SKIP pseudo-annotation
 * carrying a 32-bit PDP-11 long (high word first). SUB, CHN and NUM follow the annotation they modify,
 * CHN and NUM only where they change, as WFDB's putann writes them; AUX text follows as a length word,
 * the ISO-8859-1 bytes and a pad byte to an even length. The file ends with a 0 word.
 */
public final class AnnotationWriter {

    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;
    private static final int DATA = 0x3FF;
    /** Longest AUX text: its length must fit the 8-bit count WFDB keeps in memory. */
    public static final int MAX_AUX_BYTES = 255;

    private AnnotationWriter() {
    }

    /** Writes the annotations, in the given order, to file (e.g. "100.atr"); samples are 0-based sample indices. */
    public static void write(List<Annotation> annotations, Path file) throws IOException {
        byte[] bytes = encode(annotations);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }

    /** The bytes of an annotation file holding the annotations in the given order. */
    public static byte[] encode(List<Annotation> annotations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(annotations.size() * 2 + 2);
        long time = 0;
        int chan = 0;
        int num = 0;
        CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            String where = "annotation " + i + " (" + a + ")";
            int code = AnnotationCode.code(a.symbol());
            if (code < 1) {
                throw new IllegalArgumentException(where + ": symbol '" + a.symbol() + "' is not a WFDB annotation code 1.."
                        + AnnotationCode.MAX_CODE);
            }
            if (a.sample() < 0) {
                throw new IllegalArgumentException(where + ": sample must be >= 0");
            }
            check(where, "subtype", a.subtype());
            check(where, "channel", a.channel());
            check(where, "num", a.num());
            long gap = a.sample() - time;
            if (gap < 0 || gap > DATA) {
                if (gap < Integer.MIN_VALUE || gap > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(where + ": gap of " + gap + " samples exceeds a 32-bit SKIP");
                }
                word(out, SKIP, 0);
                int g = (int) gap;
                short16(out, g >>> 16);
                short16(out, g & 0xFFFF);
                gap = 0;
            }
            word(out, code, (int) gap);
            time = a.sample();
            if (a.subtype() != 0) {
                word(out, SUB, a.subtype());
            }
            if (a.channel() != chan) {
                word(out, CHN, a.channel());
                chan = a.channel();
            }
            if (a.num() != num) {
                word(out, NUM, a.num());
                num = a.num();
            }
            String aux = a.aux() == null ? "" : a.aux();
            if (!aux.isEmpty()) {
                if (!latin1.canEncode(aux) || aux.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException(where + ": aux text must be ISO-8859-1 without NUL characters");
                }
                byte[] b = aux.getBytes(StandardCharsets.ISO_8859_1);
                if (b.length > MAX_AUX_BYTES) {
                    throw new IllegalArgumentException(where + ": aux text of " + b.length + " bytes exceeds " + MAX_AUX_BYTES);
                }
                word(out, AUX, b.length);
                out.write(b, 0, b.length);
                if ((b.length & 1) != 0) {
                    out.write(0);
                }
            }
        }
        word(out, 0, 0);
        return out.toByteArray();
    }

    private static void check(String where, String field, int value) {
        if (value < 0 || value > DATA) {
            throw new IllegalArgumentException(where + ": " + field + " must be in 0..1023, got " + value);
        }
    }

    private static void word(ByteArrayOutputStream out, int code, int data) {
        short16(out, (code << 10) | data);
    }

    private static void short16(ByteArrayOutputStream out, int w) {
        out.write(w & 0xFF);
        out.write((w >>> 8) & 0xFF);
    }
}
