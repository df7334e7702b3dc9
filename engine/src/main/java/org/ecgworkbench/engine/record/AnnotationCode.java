package org.ecgworkbench.engine.record;

import java.util.Set;

/** The WFDB annotation codes (ecgcodes.h) and their mnemonics. */
public final class AnnotationCode {

    /** Largest code an annotation may carry (ACMAX); larger values are pseudo-annotations. */
    public static final int MAX_CODE = 49;

    private static final String[] MNEMONICS = new String[MAX_CODE + 1];
    private static final Set<Integer> BEATS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41);

    static {
        String[] table = {
            "1", "N", "2", "L", "3", "R", "4", "a", "5", "V", "6", "F", "7", "J", "8", "A", "9", "S", "10", "E",
            "11", "j", "12", "/", "13", "Q", "14", "~", "16", "|", "18", "s", "19", "T", "20", "*", "21", "D",
            "22", "\"", "23", "=", "24", "p", "25", "B", "26", "^", "27", "t", "28", "+", "29", "u", "30", "?",
            "31", "!", "32", "[", "33", "]", "34", "e", "35", "n", "36", "@", "37", "x", "38", "f", "39", "(",
            "40", ")", "41", "r",
        };
        for (int i = 0; i < table.length; i += 2) {
            MNEMONICS[Integer.parseInt(table[i])] = table[i + 1];
        }
        for (int c = 0; c <= MAX_CODE; c++) {
            if (MNEMONICS[c] == null) {
                MNEMONICS[c] = "[" + c + "]";  // as WFDB's annstr prints codes without a mnemonic
            }
        }
    }

    private AnnotationCode() {
    }

    /** The mnemonic of a code 0..49, e.g. 1 gives "N"; "[c]" for codes without one. */
    public static String symbol(int code) {
        if (code < 0 || code > MAX_CODE) {
            throw new IllegalArgumentException("annotation code out of range: " + code);
        }
        return MNEMONICS[code];
    }

    /** The code of a mnemonic, e.g. "V" gives 5; -1 when unknown. */
    public static int code(String symbol) {
        for (int c = 0; c <= MAX_CODE; c++) {
            if (MNEMONICS[c].equals(symbol)) {
                return c;
            }
        }
        return -1;
    }

    /** Whether a code labels a beat: N L R B A a J S V r F e j n E / f Q ?. */
    public static boolean isBeat(int code) {
        return BEATS.contains(code);
    }

    /** Whether a mnemonic labels a beat. */
    public static boolean isBeat(String symbol) {
        return isBeat(code(symbol));
    }
}
