package org.ecgworkbench.engine.record;

/** The WFDB signal file formats this package decodes (signal(5)); samples of a file's signals are interleaved frame by frame. */
enum SignalFormat {
    /** 16-bit two's complement, little-endian. */
    F16(16),
    /** 8-bit offset binary: the stored byte minus 128. */
    F80(80),
    /** Two 12-bit two's-complement samples packed in 3 bytes. */
    F212(212);

    private final int number;

    SignalFormat(int number) {
        this.number = number;
    }

    /** The format with this WFDB number, or null when not supported. */
    static SignalFormat of(int number) {
        for (SignalFormat f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        return null;
    }

    /** The WFDB format number. */
    int number() {
        return number;
    }

    /** Bytes that hold the given number of samples. */
    long bytesFor(long samples) {
        return switch (this) {
            case F16 -> samples * 2;
            case F80 -> samples;
            case F212 -> samples / 2 * 3 + (samples % 2) * 2;  // a lone last sample takes 2 bytes
        };
    }

    /** Whole samples held in the given number of bytes. */
    long samplesIn(long bytes) {
        return switch (this) {
            case F16 -> bytes / 2;
            case F80 -> bytes;
            case F212 -> bytes / 3 * 2 + (bytes % 3 >= 2 ? 1 : 0);
        };
    }

    /**
     * Decodes frames of interleaved samples into rows dst[first .. first+count-1][0 .. frames-1], in adu.
     * The caller guarantees src holds at least bytesFor(frames * count) bytes.
     */
    void decode(byte[] src, int[][] dst, int first, int count, int frames) {
        long n = (long) frames * count;
        for (long j = 0; j < n; j++) {
            int v = switch (this) {
                case F16 -> (short) ((src[(int) (2 * j)] & 0xFF) | (src[(int) (2 * j + 1)] << 8));
                case F80 -> (src[(int) j] & 0xFF) - 128;
                case F212 -> sample212(src, j);
            };
            dst[first + (int) (j % count)][(int) (j / count)] = v;
        }
    }

    private static int sample212(byte[] src, long j) {
        int p = (int) (j / 2 * 3);
        int v = (j % 2 == 0)
                ? (src[p] & 0xFF) | ((src[p + 1] & 0x0F) << 8)
                : (src[p + 2] & 0xFF) | ((src[p + 1] & 0xF0) << 4);
        return v >= 2048 ? v - 4096 : v;
    }
}
