package org.ecgworkbench.engine.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PhysioNet/CinC Challenge 2017 recordings: a MATLAB v4 file holding one int16 row vector {@code val}.
 *
 * <p>When a WFDB header of the same name sits beside the file it governs sampling frequency, gain, baseline
 * and lead name; otherwise the challenge's values apply (300 Hz, 1000 adu/mV, baseline 0, lead "ECG").
 */
public final class MatReader {

    /** The challenge's sampling frequency, in Hz. */
    public static final double CINC2017_FREQUENCY = 300;
    /** The challenge's gain, in adu per mV. */
    public static final double CINC2017_GAIN = 1000;

    /** MATLAB v4 type MOPT = 0030: little-endian IEEE, numeric full matrix of int16. */
    private static final int TYPE_INT16_LE = 30;
    private static final int HEADER_BYTES = 20;
    private static final int MAX_NAME = 64;

    private MatReader() {
    }

    /** Reads a CinC 2017 .mat file, using the .hea beside it when there is one. */
    public static Record read(Path mat) throws RecordFormatException {
        int[] val = readVector(mat);
        Path hea = mat.resolveSibling(Io.baseName(mat) + ".hea");
        List<String> warnings = new ArrayList<>();
        if (Files.isRegularFile(hea)) {
            Header h = HeaderParser.parse(hea);
            warnings.addAll(h.warnings());
            if (h.signals().size() != 1) {
                throw RecordFormatException.of(hea, "expected 1 signal for " + mat.getFileName() + ", header has " + h.signals().size());
            }
            SignalSpec s = h.signals().get(0);
            if (!s.fileName().equals(String.valueOf(mat.getFileName())) || s.format() != 16) {
                warnings.add(hea.getFileName() + " describes " + s.fileName() + " in format " + s.format()
                        + "; read " + mat.getFileName() + " as its MATLAB int16 vector");
            }
            int n = val.length;
            if (h.samples() > n) {
                throw RecordFormatException.of(mat, "holds " + n + " samples but " + hea.getFileName() + " says " + h.samples());
            }
            if (h.samples() >= 0 && h.samples() < n) {
                warnings.add(mat.getFileName() + " holds " + n + " samples; read the " + h.samples() + " the header names");
                n = (int) h.samples();
            }
            int[] data = n == val.length ? val : java.util.Arrays.copyOf(val, n);
            return RecordAssembler.assemble(h, new int[][] {data}, warnings);
        }
        Lead lead = new Lead("ECG", "mV", CINC2017_GAIN, 0, 0, 16, val.length > 0 ? val[0] : 0,
                RecordAssembler.checksum(val));
        return Record.fromAdc(Io.baseName(mat), CINC2017_FREQUENCY, List.of(lead), new int[][] {val},
                null, null, List.of(), warnings);
    }

    /**
     * Reads a CinC 2017 recording from the bytes of its .mat file (e.g. an upload), with no header: sampling
     * frequency fs in Hz and gain in adu/mV as given (the challenge's are {@link #CINC2017_FREQUENCY} and
     * {@link #CINC2017_GAIN}); name names the record and, in errors, the input.
     */
    public static Record read(String name, byte[] mat, double fs, double gain) throws RecordFormatException {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw RecordFormatException.of(Path.of(name), "sampling frequency must be a positive number of Hz, got " + fs);
        }
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw RecordFormatException.of(Path.of(name), "gain must be a positive number of adu/mV, got " + gain);
        }
        int[] val = vector(Path.of(name), mat.length, (offset, length) -> {
            if (offset + length > mat.length) {
                throw RecordFormatException.atByte(Path.of(name), mat.length, "unexpected end of data");
            }
            return java.util.Arrays.copyOfRange(mat, (int) offset, (int) (offset + length));
        });
        Lead lead = new Lead("ECG", "mV", gain, 0, 0, 16, val.length > 0 ? val[0] : 0, RecordAssembler.checksum(val));
        return Record.fromAdc(name, fs, List.of(lead), new int[][] {val}, null, null, List.of(), List.of());
    }

    /** The int16 vector of a MATLAB v4 file, in adu; header fields and file size are checked before allocating. */
    public static int[] readVector(Path mat) throws RecordFormatException {
        return vector(mat, Io.size(mat), (offset, length) -> Io.readRange(mat, offset, length));
    }

    /** Reads length bytes at a byte offset of the source being parsed. */
    @FunctionalInterface
    private interface Bytes {
        byte[] read(long offset, long length) throws RecordFormatException;
    }

    /** The int16 vector of MATLAB v4 content of size bytes, named where in errors, read through source. */
    private static int[] vector(Path mat, long size, Bytes source) throws RecordFormatException {
        if (size < HEADER_BYTES) {
            throw RecordFormatException.atByte(mat, size, "file too short for a MATLAB v4 header");
        }
        ByteBuffer head = ByteBuffer.wrap(source.read(0, HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        int type = head.getInt();
        int mrows = head.getInt();
        int ncols = head.getInt();
        int imagf = head.getInt();
        int namlen = head.getInt();
        if (type != TYPE_INT16_LE) {
            throw RecordFormatException.atByte(mat, 0, "MATLAB v4 type " + type + " is not a little-endian int16 matrix (30)");
        }
        if (imagf != 0) {
            throw RecordFormatException.atByte(mat, 12, "complex matrices are not supported");
        }
        if (mrows < 0 || ncols < 0 || (mrows != 1 && ncols != 1)) {
            throw RecordFormatException.atByte(mat, 4, "expected a vector, got " + mrows + " x " + ncols);
        }
        if (namlen < 1 || namlen > MAX_NAME) {
            throw RecordFormatException.atByte(mat, 16, "variable name length " + namlen + " out of range 1.." + MAX_NAME);
        }
        long n = (long) mrows * ncols;
        long expected = HEADER_BYTES + namlen + 2 * n;
        if (size < expected) {
            throw RecordFormatException.atByte(mat, size, "file ends before the " + n + " samples its header announces");
        }
        byte[] rest = source.read(HEADER_BYTES, expected - HEADER_BYTES);
        if (rest[namlen - 1] != 0) {
            throw RecordFormatException.atByte(mat, HEADER_BYTES + namlen - 1L, "variable name is not NUL-terminated");
        }
        String name = new String(rest, 0, namlen - 1, StandardCharsets.ISO_8859_1);
        if (!name.equals("val")) {
            throw RecordFormatException.atByte(mat, HEADER_BYTES, "expected variable 'val', found '" + name + "'");
        }
        int[] val = new int[(int) n];
        ByteBuffer data = ByteBuffer.wrap(rest, namlen, (int) (2 * n)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < val.length; i++) {
            val[i] = data.getShort();
        }
        return val;
    }
}
