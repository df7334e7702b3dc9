package org.ecgworkbench.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy .npy files (format versions 1–3) of float32 or float64, any byte order, C or Fortran order.
 * Written in Java rather than through ND4J's own npy support, which parses in native code and takes
 * the whole process down on a malformed file; here every count is checked against the file size first
 * and a bad file raises {@link NpyFormatException}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a float32 or float64 array of any rank from a .npy file, keeping its data type. */
    public static INDArray read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new NpyFormatException(file, -1, "cannot read file (" + e.getMessage() + ")");
        }
        if (size < 10) {
            throw new NpyFormatException(file, 0, "file too short for a .npy header (" + size + " bytes)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = read(ch, 0, 12 > size ? (int) size : 12, file);
            byte[] magic = new byte[6];
            pre.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new NpyFormatException(file, 0, "not a .npy file (no \\x93NUMPY magic)");
            }
            int major = pre.get() & 0xff;
            pre.get();
            long headerLen;
            long headerStart;
            if (major == 1) {
                headerLen = pre.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                if (size < 12) {
                    throw new NpyFormatException(file, 8, "file too short for a version " + major + " header");
                }
                headerLen = pre.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw new NpyFormatException(file, 6, "unsupported .npy format version " + major);
            }
            if (headerStart + headerLen > size || headerLen > 1 << 20) {
                throw new NpyFormatException(file, 8, "header length " + headerLen + " exceeds the file");
            }
            ByteBuffer hb = read(ch, headerStart, (int) headerLen, file);
            byte[] hbytes = new byte[(int) headerLen];
            hb.get(hbytes);
            String header = new String(hbytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new NpyFormatException(file, headerStart, "header is not a NumPy array description: " + header.trim());
            }
            char kind = d.group(2).charAt(0);
            int width = Integer.parseInt(d.group(3));
            if (kind != 'f' || (width != 4 && width != 8)) {
                throw new NpyFormatException(file, headerStart, "dtype " + d.group(1) + kind + width
                        + " is not supported: float32 or float64 only");
            }
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean fortran = f.group(1).equals("True");
            long[] shape = parseShape(s.group(1), file, headerStart);
            long count = 1;
            for (long dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            long dataStart = headerStart + headerLen;
            if (count * width != size - dataStart) {
                throw new NpyFormatException(file, dataStart, "shape " + Arrays.toString(shape) + " of "
                        + (width == 4 ? "float32" : "float64") + " needs " + count * width + " data bytes, the file has "
                        + (size - dataStart));
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new NpyFormatException(file, dataStart, "array of " + count + " values is too large");
            }
            ByteBuffer data = read(ch, dataStart, (int) (count * width), file).order(order);
            INDArray out;
            long[] storeShape = fortran ? reversed(shape) : shape;
            if (width == 8) {
                double[] v = new double[(int) count];
                data.asDoubleBuffer().get(v);
                out = Nd4j.create(v, storeShape.length == 0 ? new long[] {1} : storeShape, 'c');
            } else {
                float[] v = new float[(int) count];
                data.asFloatBuffer().get(v);
                out = Nd4j.create(v, storeShape.length == 0 ? new long[] {1} : storeShape, 'c');
            }
            if (fortran && shape.length > 1) {
                int[] perm = new int[shape.length];
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = perm.length - 1 - i;
                }
                out = out.permute(perm).dup('c');
            }
            return out;
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file, -1, "shape overflows");
        }
    }

    /** Writes an array as a version 1.0 little-endian C-order .npy (float32 stays float32, anything else float64), atomically. */
    public static void write(INDArray array, Path file) throws IOException {
        boolean f32 = array.dataType() == DataType.FLOAT;
        INDArray c = array.dup('c');
        long[] shape = c.shape();
        StringBuilder sb = new StringBuilder();
        for (long dim : shape) {
            sb.append(dim).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                f32 ? "<f4" : "<f8", shapeText);
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int width = f32 ? 4 : 8;
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + (int) c.length() * width).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (f32) {
            buf.asFloatBuffer().put(c.data().asFloat());
        } else {
            buf.asDoubleBuffer().put(c.castTo(DataType.DOUBLE).data().asDouble());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, buf.array());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int len, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new NpyFormatException(file, pos + b.position(), "unexpected end of file");
            }
        }
        return b.flip();
    }

    private static long[] parseShape(String text, Path file, long at) throws NpyFormatException {
        String t = text.trim();
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",");
        long[] out = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String q = p.trim();
            if (q.isEmpty()) {
                continue;
            }
            try {
                out[n] = Long.parseLong(q.endsWith("L") ? q.substring(0, q.length() - 1) : q);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file, at, "shape entry '" + q + "' is not a number");
            }
            if (out[n] < 0) {
                throw new NpyFormatException(file, at, "negative dimension " + out[n]);
            }
            n++;
        }
        return Arrays.copyOf(out, n);
    }

    private static long[] reversed(long[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[shape.length - 1 - i];
        }
        return out;
    }
}
