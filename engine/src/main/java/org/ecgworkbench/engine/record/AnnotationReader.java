package org.ecgworkbench.engine.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads MIT-format WFDB annotation files (annotation(5)), whatever their extension (.atr, .qrs, ...). */
public final class AnnotationReader {

    /** Annotation files are small; a larger file is refused before reading it. */
    static final long MAX_BYTES = 256L << 20;

    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;

    private AnnotationReader() {
    }

    /** All annotations of the file, in file order, with positions in samples. */
    public static List<Annotation> read(Path file) throws RecordFormatException {
        byte[] b = Io.readAll(file, MAX_BYTES);
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int num = 0;
        int chan = 0;
        // The annotation being built: pseudo-annotations that follow its word (SUB, CHN, NUM, AUX) modify it.
        long curTime = -1;
        int curCode = 0;
        int curSub = 0;
        String curAux = "";
        int pos = 0;
        while (pos + 1 < b.length) {
            int word = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
            int a = word >>> 10;
            int data = word & 0x3FF;
            int at = pos;
            pos += 2;
            if (word == 0) {
                break;
            }
            if (a <= AnnotationCode.MAX_CODE) {
                if (curTime >= 0) {
                    out.add(new Annotation(curTime, AnnotationCode.symbol(curCode), curSub, chan, num, curAux));
                }
                time += data;
                curTime = time;
                curCode = a;
                curSub = 0;
                curAux = "";
                continue;
            }
            switch (a) {
                case SKIP -> {
                    if (pos + 4 > b.length) {
                        throw RecordFormatException.atByte(file, at, "SKIP interval cut off by the end of the file");
                    }
                    // PDP-11 long: the high 16-bit word first, each word little-endian.
                    int hi = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
                    int lo = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
                    time += (hi << 16) | lo;
                    pos += 4;
                    if (time < 0) {
                        throw RecordFormatException.atByte(file, at, "SKIP leads to a negative annotation time");
                    }
                }
                case NUM -> num = data;
                case SUB -> curSub = data;
                case CHN -> chan = data;
                case AUX -> {
                    if (pos + data > b.length) {
                        throw RecordFormatException.atByte(file, at, "AUX string of " + data + " bytes cut off by the end of the file");
                    }
                    curAux = auxText(b, pos, data);
                    pos += data + (data & 1);
                }
                default -> throw RecordFormatException.atByte(file, at, "unknown annotation code " + a);
            }
        }
        if (curTime >= 0) {
            out.add(new Annotation(curTime, AnnotationCode.symbol(curCode), curSub, chan, num, curAux));
        }
        return out;
    }

    /** AUX bytes are usually NUL-terminated; the text stops at the first NUL. */
    private static String auxText(byte[] b, int from, int length) {
        int end = from;
        while (end < from + length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
