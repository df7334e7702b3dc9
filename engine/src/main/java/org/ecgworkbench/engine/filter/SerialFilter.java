package org.ecgworkbench.engine.filter;

import java.lang.ref.SoftReference;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * CPU execution path. The recursion is serial in time but independent across rows, so rows are taken
 * in blocks of {@link #LANES} lanes, laid out time-major (sample t of the block's rows side by side), and
 * every step of the recursion runs as loops over the lanes that the JIT turns into SIMD code (for up to 6
 * states one loop for the whole step, its states in one array at constant offsets); blocks run in
 * parallel on all cores. Fewer rows than a block go one per task, with the filter state in registers. The
 * arithmetic is SciPy's, operation for operation (lfilter's direct form II transposed, sosfilt's section
 * cascade), so results match it to rounding, and a row gives the same bits on either kernel.
 *
 * <p>Why plain loops and not the Vector API: it is still an incubator module that a plain {@code java -jar}
 * cannot load. C2's loop overhead per time step is what limits these loops, so blocks are wide and the
 * signals travel through them in cache-sized tiles of time, each filtered while it is in cache.
 */
final class SerialFilter {

    /** Rows per lane block: long lane loops amortise C2's per-loop overhead; their state stays in L1. */
    static final int LANES = 128;
    /** A lane of the last block that holds no row: it filters zeros and is never written back. */
    private static final int EMPTY_LANE = -1;
    /** Samples per tile when moving between row-major signals and a time-major block. */
    private static final int TILE = 256;
    /** A tile's row stride: one more than TILE, so its rows do not all fall into the same cache sets. */
    private static final int TILE_STRIDE = TILE + 1;
    /** Most doubles in one lane block's buffer (32 MB): rows too long for it go one per task instead. */
    private static final int MAX_BLOCK_DOUBLES = 1 << 22;
    /**
     * Each worker thread keeps its block buffer: a fresh buffer of this size costs more in page faults
     * than the filter itself. Soft, so an idle workbench gives the memory back when the heap needs it.
     */
    private static final ThreadLocal<SoftReference<double[]>> SCRATCH = new ThreadLocal<>();
    /**
     * Shortest single row (samples with padding) whose filtfilt is split over two cores: below it the fork and the
     * correction cost more than half a pass saves.
     */
    static final int SPLIT_MIN = 1 << 16;
    /** A zero-input response whose state has fallen below this fraction of its start adds nothing a double holds. */
    private static final double DECAYED = 0x1p-60;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private SerialFilter() {
    }

    /**
     * lfilter over every row into y (same rows and stride as x); zi is [rows][K] or null for zero initial
     * state; zf receives the final states. Each tile of time is filtered while it is still in cache.
     */
    static Batch lfilter(LinearFilter f, Batch x, double[][] zi, double[][] zf, Batch y) {
        Kernel kernel = Kernel.of(f);
        int k = f.stateSize();
        forEachBlock(x, 0, rows -> {
            int w = rows.length;
            int[] len = lengths(x, rows);
            int n = max(len);
            Tiles tiles = new Tiles(x, rows, len, PadType.NONE, 0, scratch(Math.max(1, n) * w));
            double[][] z = new double[k][w];
            for (int j = 0; j < w; j++) {
                for (int s = 0; s < k; s++) {
                    z[s][j] = zi == null || rows[j] == EMPTY_LANE ? 0 : zi[rows[j]][s];
                }
            }
            // Run up to each row's own end so its final state is the state after exactly its samples.
            int[] ends = distinctAscending(len);
            int e = 0;
            if (n == 0 && zf != null) {
                for (int j = 0; j < w; j++) {
                    if (rows[j] != EMPTY_LANE) {
                        System.arraycopy(zi == null ? new double[k] : zi[rows[j]], 0, zf[rows[j]], 0, k);
                    }
                }
            }
            for (int t0 = 0; t0 < n; t0 += TILE) {
                int t1 = Math.min(n, t0 + TILE);
                tiles.gather(t0, t1);
                for (int t = t0; t < t1; ) {
                    int stop = Math.min(t1, ends[e]);
                    kernel.run(tiles.buf, w, t, stop, 1, z);
                    t = stop;
                    if (t == ends[e]) {
                        if (zf != null) {
                            for (int j = 0; j < w; j++) {
                                if (len[j] == t && rows[j] != EMPTY_LANE) {
                                    for (int s = 0; s < k; s++) {
                                        zf[rows[j]][s] = z[s][j];
                                    }
                                }
                            }
                        }
                        e = Math.min(e + 1, ends.length - 1);
                    }
                }
                tiles.scatter(y, t0, t1);
            }
            tiles.zeroTails(y);
        });
        return y;
    }

    /**
     * filtfilt over every row into y (same rows and stride as x): pad by {@code edge} samples, forward pass,
     * backward pass, cut the padding. The forward pass filters each tile of time as soon as it is gathered,
     * the backward pass scatters each tile as soon as it is final, both while the tile is still in cache.
     */
    static Batch filtfilt(LinearFilter f, Batch x, PadType padtype, int edge, Batch y) {
        double[] zi = f.steadyState();
        Kernel kernel = Kernel.of(f);
        forEachBlock(x, edge, rows -> {
            int w = rows.length;
            int[] len = lengths(x, rows);
            int[] ext = new int[w];
            for (int j = 0; j < w; j++) {
                ext[j] = len[j] + 2 * edge;
            }
            int n = max(ext);
            Tiles tiles = new Tiles(x, rows, len, padtype, edge, scratch(n * w));
            double[] buf = tiles.buf;
            if (w == 1 && x.rows() == 1 && n >= SPLIT_MIN && CORES > 1) {
                filtfiltSplit(kernel, zi, tiles, n, y);
                return;
            }
            // The fused kernel moves samples between the row-major tile and its lanes itself, so the block buffer
            // holds only the forward pass's output and no pass through it transposes or copies a whole tile.
            Fused fused = w == LANES && kernel instanceof DirectForm d ? d.fused() : null;
            double[][] z = new double[zi.length][w];
            for (int t0 = 0; t0 < n; t0 += TILE) {
                int t1 = Math.min(n, t0 + TILE);
                if (fused != null) {
                    tiles.load(t0, t1);
                } else {
                    tiles.gather(t0, t1);
                }
                if (t0 == 0) {
                    for (int j = 0; j < w; j++) {
                        setState(z, zi, j, fused != null ? tiles.tile[j * TILE_STRIDE] : buf[j]);
                    }
                }
                if (fused != null) {
                    fused.fromTile(tiles.tile, t1 - t0, buf, t0, z);
                } else {
                    kernel.run(buf, w, t0, t1, 1, z);
                }
            }
            // Backward pass from the longest row's end; each shorter row joins at its own end with its own
            // steady state, so every row sees exactly the backward pass SciPy gives it alone.
            int[] ends = distinctAscending(ext);
            int e = ends.length - 1;
            int t = n;
            for (int t0 = (n - 1) / TILE * TILE; t0 >= 0; t0 -= TILE) {
                while (t > t0) {
                    while (e >= 0 && ends[e] == t) {
                        for (int j = 0; j < w; j++) {
                            if (ext[j] == t) {
                                setState(z, zi, j, buf[(t - 1) * w + j]);
                            }
                        }
                        e--;
                    }
                    int stop = Math.max(t0, e >= 0 ? ends[e] : 0);
                    if (fused != null) {
                        fused.toTile(buf, t - 1, stop - 1, tiles.tile, t0, z);
                    } else {
                        kernel.run(buf, w, t - 1, stop - 1, -1, z);
                    }
                    t = stop;
                }
                if (fused != null) {
                    tiles.store(y, t0, Math.min(n, t0 + TILE));
                } else {
                    tiles.scatter(y, t0, Math.min(n, t0 + TILE));
                }
            }
            tiles.zeroTails(y);
        });
        return y;
    }

    /**
     * filtfilt of one long row on two cores: each pass runs its two halves at once, the second from a zero state, then
     * adds the zero-input response of the first half's final state to the second half's start for as long as that
     * response has not decayed (superposition: the recurrence is linear). It differs from the one-core pass only by
     * rounding (golden tests: within 1e-10 of SciPy, as every path).
     */
    private static void filtfiltSplit(Kernel kernel, double[] zi, Tiles tiles, int n, Batch y) {
        double[] buf = tiles.buf;
        for (int t0 = 0; t0 < n; t0 += TILE) {
            tiles.gather(t0, Math.min(n, t0 + TILE));
        }
        double[][] z = new double[zi.length][1];
        setState(z, zi, 0, buf[0]);
        splitPass(kernel, buf, 0, n, 1, z);
        setState(z, zi, 0, buf[n - 1]);
        splitPass(kernel, buf, n - 1, -1, -1, z);
        for (int t0 = 0; t0 < n; t0 += TILE) {
            tiles.scatter(y, t0, Math.min(n, t0 + TILE));
        }
        tiles.zeroTails(y);
    }

    /** One lfilter pass in place over buf times from, from + step, ... up to to (exclusive) from state z, in halves. */
    private static void splitPass(Kernel kernel, double[] buf, int from, int to, int step, double[][] z) {
        int mid = from + step * (Math.abs(to - from) / 2);
        double[][] zero = new double[z.length][1];
        ForkJoinTask<?> second = ForkJoinTask.adapt(() -> kernel.run(buf, 1, mid, to, step, zero)).fork();
        kernel.run(buf, 1, from, mid, step, z);
        second.join();
        double scale = maxAbs(z);
        double[] response = new double[TILE];
        for (int t = mid; t != to && scale > 0 && maxAbs(z) > scale * DECAYED; ) {
            int len = Math.min(TILE, Math.abs(to - t));
            Arrays.fill(response, 0, len, 0);
            kernel.run(response, 1, 0, len, 1, z);
            for (int i = 0; i < len; i++) {
                buf[t + step * i] += response[i];
            }
            t += step * len;
        }
    }

    private static double maxAbs(double[][] z) {
        double m = 0;
        for (double[] s : z) {
            m = Math.max(m, Math.abs(s[0]));
        }
        return m;
    }

    /** This thread's block buffer, at least {@code size} doubles; its contents are left over from earlier use. */
    private static double[] scratch(int size) {
        SoftReference<double[]> ref = SCRATCH.get();
        double[] buf = ref == null ? null : ref.get();
        if (buf == null || buf.length < size) {
            buf = new double[size];
            SCRATCH.set(new SoftReference<>(buf));
        }
        return buf;
    }

    private static void setState(double[][] z, double[] zi, int lane, double scale) {
        for (int s = 0; s < zi.length; s++) {
            z[s][lane] = zi[s] * scale;
        }
    }

    /**
     * Moves one block's rows between the row-major batch and the time-major block buffer, a tile of time at
     * a time: buffer time t of lane j is sample t − edge of row j, extended by padtype outside the row.
     */
    private static final class Tiles {
        final double[] buf;
        /** Row j of a lane block at j·TILE_STRIDE, a tile of time long. */
        final double[] tile;
        private final Batch x;
        private final int[] rows;
        private final int[] len;
        private final PadType padtype;
        private final int edge;
        private final int w;
        private final int longest;

        Tiles(Batch x, int[] rows, int[] len, PadType padtype, int edge, double[] buf) {
            this.x = x;
            this.rows = rows;
            this.len = len;
            this.padtype = padtype;
            this.edge = edge;
            this.buf = buf;
            this.w = rows.length;
            this.tile = new double[w * TILE_STRIDE];
            this.longest = max(len);
        }

        /** Fills buffer times [t0, t1) (at most TILE); lanes past their row's end get zeros, not stale values. */
        void gather(int t0, int t1) {
            load(t0, t1);
            if (w > 1) {
                tileToBlock(tile, buf, t0, t1 - t0);
            }
        }

        /**
         * Fills the tile's columns [0, t1 − t0) with buffer times [t0, t1) of every lane (row j at j·TILE_STRIDE),
         * or, for one lane, the buffer itself; lanes past their row's end get zeros.
         */
        void load(int t0, int t1) {
            DoubleBuffer data = x.data();
            int tn = t1 - t0;
            // One lane: the buffer is already time-ordered like the row, so fill it in place.
            double[] tile = w == 1 ? buf : this.tile;
            for (int j = 0; j < w; j++) {
                int row = w == 1 ? t0 : j * TILE_STRIDE;
                if (rows[j] == EMPTY_LANE) {
                    Arrays.fill(tile, row, row + tn, 0);
                    continue;
                }
                int off = rows[j] * x.stride();
                int end = Math.min(t1, len[j] + 2 * edge);
                int inside0 = Math.max(t0, edge);
                int inside1 = Math.min(end, edge + len[j]);
                if (inside0 < inside1) {
                    data.get(off + inside0 - edge, tile, row + inside0 - t0, inside1 - inside0);
                }
                for (int t = t0; t < Math.min(end, inside0); t++) {
                    tile[row + t - t0] = padtype.extended(data, off, len[j], t, edge);
                }
                for (int t = Math.max(t0, inside1); t < end; t++) {
                    tile[row + t - t0] = padtype.extended(data, off, len[j], t, edge);
                }
                Arrays.fill(tile, row + Math.max(0, end - t0), row + tn, 0);
            }
        }

        /** Writes the samples of rows of y that buffer times [t0, t1) hold (sample i at time edge + i). */
        void scatter(Batch y, int t0, int t1) {
            DoubleBuffer data = y.data();
            int i0 = Math.max(0, t0 - edge);
            int i1 = Math.min(longest, t1 - edge);
            if (i1 <= i0) {
                return;
            }
            if (w == 1) {
                data.put(rows[0] * y.stride() + i0, buf, edge + i0, Math.min(i1, len[0]) - i0);
                return;
            }
            blockToTile(buf, (edge + i0) * w, tile, i1 - i0);
            put(data, y.stride(), i0, i1, 0);
        }

        /** As {@link #scatter}, from the tile, whose column c holds buffer time t0 + c of every lane. */
        void store(Batch y, int t0, int t1) {
            int i0 = Math.max(0, t0 - edge);
            int i1 = Math.min(longest, t1 - edge);
            if (i1 > i0) {
                put(y.data(), y.stride(), i0, i1, edge + i0 - t0);
            }
        }

        /** Writes samples [i0, i1) of every row (each only up to its length) from tile columns from column0. */
        private void put(DoubleBuffer data, int stride, int i0, int i1, int column0) {
            for (int j = 0; j < w; j++) {
                int last = Math.min(i1, len[j]);
                if (last > i0) {
                    data.put(rows[j] * stride + i0, tile, j * TILE_STRIDE + column0, last - i0);
                }
            }
        }

        /** Zeros every row of y past its length, as the batch layout promises. */
        void zeroTails(Batch y) {
            DoubleBuffer data = y.data();
            for (int j = 0; j < w; j++) {
                if (rows[j] == EMPTY_LANE) {
                    continue;
                }
                for (int i = rows[j] * y.stride() + len[j], end = (rows[j] + 1) * y.stride(); i < end; i++) {
                    data.put(i, 0.0);
                }
            }
        }
    }

    /**
     * Tile (row j of a lane block at j·TILE_STRIDE) to block buffer: buf[(t0 + c)·LANES + j] = tile[j·TILE_STRIDE + c]
     * for c < tn. Both strides are constants, so C2 drops the range checks of the strided side.
     */
    private static void tileToBlock(double[] tile, double[] buf, int t0, int tn) {
        for (int c = 0; c < tn; c++) {
            int d = (t0 + c) * LANES;
            for (int j = 0; j < LANES; j++) {
                buf[d + j] = tile[j * TILE_STRIDE + c];
            }
        }
    }

    /**
     * Block buffer to tile: tile[j·TILE_STRIDE + c] = buf[off + c·LANES + j] for c < tn. The inner loop reads
     * contiguously and writes with the tile's odd stride: reading with a stride of LANES doubles (1 KB) would
     * put every access of a column into the same few L1 sets.
     */
    private static void blockToTile(double[] buf, int off, double[] tile, int tn) {
        for (int c = 0; c < tn; c++) {
            int s = off + c * LANES;
            for (int j = 0; j < LANES; j++) {
                tile[j * TILE_STRIDE + c] = buf[s + j];
            }
        }
    }

    private interface BlockTask {
        void run(int[] rows);
    }

    /**
     * Rows sorted by length (so a block wastes little on padding), cut into blocks as wide as the cores
     * allow, run in parallel.
     */
    private static void forEachBlock(Batch x, int padding, BlockTask task) {
        Integer[] order = new Integer[x.rows()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer r) -> x.lengths()[r]).reversed());
        long longest = order.length == 0 ? 1 : x.lengths()[order[0]] + 2L * padding;
        // Every lane block is exactly LANES wide (the last one padded with empty lanes): C2 shapes the lane
        // loops by the trip counts it has seen, and one process mixing widths ran them at half speed. Few
        // rows, or rows too long for a block buffer, go one per task through the single-row kernel.
        int width = order.length >= LANES && LANES * longest <= MAX_BLOCK_DOUBLES ? LANES : 1;
        int blocks = (order.length + width - 1) / width;
        IntStream stream = IntStream.range(0, blocks);
        if (blocks > 1) {
            stream = stream.parallel();
        }
        stream.forEach(bi -> {
            int[] rows = new int[width];
            for (int j = 0; j < width; j++) {
                int i = bi * width + j;
                rows[j] = i < order.length ? order[i] : EMPTY_LANE;
            }
            task.run(rows);
        });
    }

    private static int[] lengths(Batch x, int[] rows) {
        int[] len = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
            len[j] = rows[j] == EMPTY_LANE ? 0 : x.lengths()[rows[j]];
        }
        return len;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int e : v) {
            m = Math.max(m, e);
        }
        return m;
    }

    private static int[] distinctAscending(int[] v) {
        return Arrays.stream(v).distinct().sorted().toArray();
    }

    /**
     * The recursion of one filter over a time-major block buffer, in place, over times t0, t0+step, ... up to
     * but excluding t1 (step +1 forward, -1 backward); z holds one array of lanes per state.
     */
    private abstract static sealed class Kernel permits DirectForm, Cascade {
        abstract void run(double[] buf, int w, int t0, int t1, int step, double[][] z);

        static Kernel of(LinearFilter f) {
            return switch (f) {
                case TransferFunction tf -> new DirectForm(tf);
                case Sos sos -> new Cascade(sos);
            };
        }
    }

    /** scipy's lfilter: y = z0 + b0 x; z_i = z_(i+1) + x b_(i+1) − y a_(i+1); z_(K-1) = x b_K − y a_K. */
    private static final class DirectForm extends Kernel {
        private final double[] b;
        private final double[] a;

        /** The fused lane kernel, for up to 6 states; null: none. */
        private final Fused fused;

        DirectForm(TransferFunction tf) {
            double[][] ba = tf.normalizedPadded();
            b = ba[0];
            a = ba[1];
            int k = b.length - 1;
            fused = k >= 1 && k <= 6 ? new Fused(b, a) : null;
        }

        /** The fused lane kernel of this filter, or null where it has more than 6 states. */
        Fused fused() {
            return fused;
        }

        private void runSingleInRegisters(double[] buf, int t0, int t1, int step, double[][] zs, int k) {
            double[] c = new double[18];
            System.arraycopy(b, 0, c, 0, k + 1);
            System.arraycopy(a, 0, c, 9, k + 1);
            double[] z = new double[8];
            for (int s = 0; s < k; s++) {
                z[s] = zs[s][0];
            }
            runSingleInRegistersImpl(c, buf, t0, t1, step, z);
            for (int s = 0; s < k; s++) {
                zs[s][0] = z[s];
            }
        }

        @Override
        void run(double[] buf, int w, int t0, int t1, int step, double[][] z) {
            int k = b.length - 1;
            if (w == 1) {
                runSingle(buf, t0, t1, step, z, k);
                return;
            }
            if (w == LANES && fused != null) {
                fused.inPlace(buf, t0, t1, step, z);
                return;
            }
            double b0 = b[0];
            // Separate arrays for input, output and each state let C2 prove the lane loops free of aliasing.
            double[] x = new double[w];
            double[] y = new double[w];
            for (int t = t0; t != t1; t += step) {
                int base = t * w;
                System.arraycopy(buf, base, x, 0, w);
                if (k == 0) {
                    for (int r = 0; r < w; r++) {
                        y[r] = x[r] * b0;
                    }
                } else {
                    double[] z0 = z[0];
                    for (int r = 0; r < w; r++) {
                        y[r] = z0[r] + b0 * x[r];
                    }
                    for (int i = 0; i < k - 1; i++) {
                        double bi = b[i + 1];
                        double ai = a[i + 1];
                        double[] zo = z[i];
                        double[] zn = z[i + 1];
                        for (int r = 0; r < w; r++) {
                            zo[r] = zn[r] + x[r] * bi - y[r] * ai;
                        }
                    }
                    double bk = b[k];
                    double ak = a[k];
                    double[] zl = z[k - 1];
                    for (int r = 0; r < w; r++) {
                        zl[r] = x[r] * bk - y[r] * ak;
                    }
                }
                System.arraycopy(y, 0, buf, base, w);
            }
        }

        private void runSingle(double[] buf, int t0, int t1, int step, double[][] zs, int k) {
            if (k > 0 && k <= 8) {
                runSingleInRegisters(buf, t0, t1, step, zs, k);
                return;
            }
            double b0 = b[0];
            double[] z = new double[Math.max(1, k)];
            for (int s = 0; s < k; s++) {
                z[s] = zs[s][0];
            }
            for (int t = t0; t != t1; t += step) {
                double xv = buf[t];
                if (k == 0) {
                    buf[t] = xv * b0;
                    continue;
                }
                double yv = z[0] + b0 * xv;
                for (int i = 0; i < k - 1; i++) {
                    z[i] = z[i + 1] + xv * b[i + 1] - yv * a[i + 1];
                }
                z[k - 1] = xv * b[k] - yv * a[k];
                buf[t] = yv;
            }
            for (int s = 0; s < k; s++) {
                zs[s][0] = z[s];
            }
        }
    }

    /**
     * One row with the state in local variables (registers), up to 8 states. Fewer states are padded with
     * zero coefficients: the padded states stay ±0 and add exactly nothing, so the numbers are unchanged,
     * while the serial chain no longer round-trips through memory every sample.
     */
    private static void runSingleInRegistersImpl(double[] c, double[] buf, int t0, int t1, int step,
                                                 double[] zIn) {
        double b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], b4 = c[4], b5 = c[5], b6 = c[6], b7 = c[7], b8 = c[8];
        double a1 = c[10], a2 = c[11], a3 = c[12], a4 = c[13], a5 = c[14], a6 = c[15], a7 = c[16], a8 = c[17];
        double z0 = zIn[0], z1 = zIn[1], z2 = zIn[2], z3 = zIn[3], z4 = zIn[4], z5 = zIn[5], z6 = zIn[6], z7 = zIn[7];
        for (int t = t0; t != t1; t += step) {
            double x = buf[t];
            double y = z0 + b0 * x;
            z0 = z1 + x * b1 - y * a1;
            z1 = z2 + x * b2 - y * a2;
            z2 = z3 + x * b3 - y * a3;
            z3 = z4 + x * b4 - y * a4;
            z4 = z5 + x * b5 - y * a5;
            z5 = z6 + x * b6 - y * a6;
            z6 = z7 + x * b7 - y * a7;
            z7 = x * b8 - y * a8;
            buf[t] = y;
        }
        zIn[0] = z0;
        zIn[1] = z1;
        zIn[2] = z2;
        zIn[3] = z3;
        zIn[4] = z4;
        zIn[5] = z5;
        zIn[6] = z6;
        zIn[7] = z7;
    }

    /**
     * lfilter's step for a full lane block, up to 6 states, every state in one loop over the lanes: x and the
     * states live in one array at constant offsets (lane r of state i at (i + 1)·LANES + r), so C2 can prove the
     * loop free of aliasing and turn it into SIMD code; separate loops per state cost a loop's overhead each.
     * States are padded to an even count with zero coefficients: a padded state stays ±0 and adds exactly nothing.
     * Samples travel between the lanes and a block buffer or a row-major tile one time step at a time.
     */
    private static final class Fused {
        /** b0..bK then a1..aK, K the padded state count. */
        private final double[] c;
        private final int states;
        private final int k;

        Fused(double[] b, double[] a) {
            k = b.length - 1;
            states = (k + 1) / 2 * 2;
            c = new double[2 * states + 1];
            System.arraycopy(b, 0, c, 0, k + 1);
            System.arraycopy(a, 1, c, states + 1, k);
        }

        /** In place over the block buffer at times t0, t0 + step, ... up to but excluding t1. */
        void inPlace(double[] buf, int t0, int t1, int step, double[][] z) {
            double[] s = lanes(z);
            for (int t = t0; t != t1; t += step) {
                int base = t * LANES;
                System.arraycopy(buf, base, s, 0, LANES);
                step(s);
                System.arraycopy(s, 0, buf, base, LANES);
            }
            save(s, z);
        }

        /** Forward over tile columns [0, tn) (row j at j·TILE_STRIDE), output to block buffer times t0 + column. */
        void fromTile(double[] tile, int tn, double[] buf, int t0, double[][] z) {
            double[] s = lanes(z);
            for (int col = 0; col < tn; col++) {
                for (int j = 0; j < LANES; j++) {
                    s[j] = tile[j * TILE_STRIDE + col];
                }
                step(s);
                System.arraycopy(s, 0, buf, (t0 + col) * LANES, LANES);
            }
            save(s, z);
        }

        /** Backward over block buffer times from, from − 1, ... down to but excluding to, output to tile column t − t0. */
        void toTile(double[] buf, int from, int to, double[] tile, int t0, double[][] z) {
            double[] s = lanes(z);
            for (int t = from; t > to; t--) {
                System.arraycopy(buf, t * LANES, s, 0, LANES);
                step(s);
                int col = t - t0;
                for (int j = 0; j < LANES; j++) {
                    tile[j * TILE_STRIDE + col] = s[j];
                }
            }
            save(s, z);
        }

        private double[] lanes(double[][] z) {
            double[] s = new double[(states + 1) * LANES];
            for (int i = 0; i < k; i++) {
                System.arraycopy(z[i], 0, s, (i + 1) * LANES, LANES);
            }
            return s;
        }

        private void save(double[] s, double[][] z) {
            for (int i = 0; i < k; i++) {
                System.arraycopy(s, (i + 1) * LANES, z[i], 0, LANES);
            }
        }

        private void step(double[] s) {
            switch (states) {
                case 2 -> step2(c, s);
                case 4 -> step4(c, s);
                default -> step6(c, s);
            }
        }
    }

    /** {@link #step6} for 2 states. */
    private static void step2(double[] c, double[] s) {
        double b0 = c[0], b1 = c[1], b2 = c[2];
        double a1 = c[3], a2 = c[4];
        for (int r = 0; r < LANES; r++) {
            double x = s[r];
            double y = s[LANES + r] + b0 * x;
            s[LANES + r] = s[2 * LANES + r] + x * b1 - y * a1;
            s[2 * LANES + r] = x * b2 - y * a2;
            s[r] = y;
        }
    }

    /** {@link #step6} for 4 states. */
    private static void step4(double[] c, double[] s) {
        double b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], b4 = c[4];
        double a1 = c[5], a2 = c[6], a3 = c[7], a4 = c[8];
        for (int r = 0; r < LANES; r++) {
            double x = s[r];
            double y = s[LANES + r] + b0 * x;
            s[LANES + r] = s[2 * LANES + r] + x * b1 - y * a1;
            s[2 * LANES + r] = s[3 * LANES + r] + x * b2 - y * a2;
            s[3 * LANES + r] = s[4 * LANES + r] + x * b3 - y * a3;
            s[4 * LANES + r] = x * b4 - y * a4;
            s[r] = y;
        }
    }

    /**
     * SciPy's lfilter step, 6 states, for every lane: s holds x (replaced by y) then the states, LANES apart; c
     * holds b0..b6 then a1..a6. One loop body for every state: C2 vectorises it only while it is this small (its
     * unroll limit), so a longer recursion takes loops per state.
     */
    private static void step6(double[] c, double[] s) {
        double b0 = c[0], b1 = c[1], b2 = c[2], b3 = c[3], b4 = c[4], b5 = c[5], b6 = c[6];
        double a1 = c[7], a2 = c[8], a3 = c[9], a4 = c[10], a5 = c[11], a6 = c[12];
        for (int r = 0; r < LANES; r++) {
            double x = s[r];
            double y = s[LANES + r] + b0 * x;
            s[LANES + r] = s[2 * LANES + r] + x * b1 - y * a1;
            s[2 * LANES + r] = s[3 * LANES + r] + x * b2 - y * a2;
            s[3 * LANES + r] = s[4 * LANES + r] + x * b3 - y * a3;
            s[4 * LANES + r] = s[5 * LANES + r] + x * b4 - y * a4;
            s[5 * LANES + r] = s[6 * LANES + r] + x * b5 - y * a5;
            s[6 * LANES + r] = x * b6 - y * a6;
            s[r] = y;
        }
    }

    /** scipy's sosfilt: per sample, each section in turn: x_new = b0 x + z0; z0 = b1 x − a1 x_new + z1; z1 = b2 x − a2 x_new. */
    private static final class Cascade extends Kernel {
        private final double[][] s;

        Cascade(Sos sos) {
            s = sos.sections();
        }

        @Override
        void run(double[] buf, int w, int t0, int t1, int step, double[][] z) {
            int n = s.length;
            double[] cur = new double[w];
            for (int t = t0; t != t1; t += step) {
                int base = t * w;
                System.arraycopy(buf, base, cur, 0, w);
                for (int sec = 0; sec < n; sec++) {
                    double[] c = s[sec];
                    double b0 = c[0];
                    double b1 = c[1];
                    double b2 = c[2];
                    double a1 = c[4];
                    double a2 = c[5];
                    double[] z0 = z[2 * sec];
                    double[] z1 = z[2 * sec + 1];
                    for (int r = 0; r < w; r++) {
                        double xc = cur[r];
                        double xn = b0 * xc + z0[r];
                        z0[r] = b1 * xc - a1 * xn + z1[r];
                        z1[r] = b2 * xc - a2 * xn;
                        cur[r] = xn;
                    }
                }
                System.arraycopy(cur, 0, buf, base, w);
            }
        }
    }
}
