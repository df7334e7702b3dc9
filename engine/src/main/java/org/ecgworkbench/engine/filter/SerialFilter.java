package org.ecgworkbench.engine.filter;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * CPU execution path. The recursion is serial in time but independent across rows, so rows are taken
 * in blocks of {@link #BLOCK}, laid out time-major (sample t of the block's rows side by side), and every
 * step of the recursion runs as short loops over the block's rows that the JIT turns into SIMD code;
 * blocks run in parallel on all cores. The arithmetic is SciPy's, operation for operation
 * (lfilter's direct form II transposed, sosfilt's section cascade), so results match it to rounding.
 */
final class SerialFilter {

    /** Rows per block: two AVX-512 vectors of doubles, small enough that the state stays in L1. */
    static final int BLOCK = 16;

    private SerialFilter() {
    }

    /** lfilter over every row; zi is [rows][K] or null for zero initial state; zf receives the final states. */
    static Batch lfilter(LinearFilter f, Batch x, double[][] zi, double[][] zf) {
        Batch y = x.emptyLike();
        int k = f.stateSize();
        Kernel kernel = Kernel.of(f);
        forEachBlock(x, (rows, r0) -> {
            int width = rows.length;
            int n = maxLength(x, rows);
            double[] buf = new double[Math.max(1, n) * width];
            for (int j = 0; j < width; j++) {
                int off = rows[j] * x.stride();
                for (int t = 0; t < x.lengths()[rows[j]]; t++) {
                    buf[t * width + j] = x.data().get(off + t);
                }
            }
            double[] z = new double[k * width];
            if (zi != null) {
                for (int j = 0; j < width; j++) {
                    for (int s = 0; s < k; s++) {
                        z[s * width + j] = zi[rows[j]][s];
                    }
                }
            }
            // Run up to each row's own end so its final state is the state after exactly its samples.
            int[] ends = Arrays.stream(rows).map(r -> x.lengths()[r]).distinct().sorted().toArray();
            int t0 = 0;
            for (int end : ends) {
                kernel.run(buf, width, t0, end, z);
                t0 = end;
                if (zf != null) {
                    for (int j = 0; j < width; j++) {
                        if (x.lengths()[rows[j]] == end) {
                            for (int s = 0; s < k; s++) {
                                zf[rows[j]][s] = z[s * width + j];
                            }
                        }
                    }
                }
            }
            for (int j = 0; j < width; j++) {
                int off = rows[j] * y.stride();
                for (int t = 0; t < x.lengths()[rows[j]]; t++) {
                    y.data().put(off + t, buf[t * width + j]);
                }
            }
        });
        return y;
    }

    /** filtfilt over every row: pad by {@code edge} samples, forward pass, backward pass, cut the padding. */
    static Batch filtfilt(LinearFilter f, Batch x, PadType padtype, int edge) {
        Batch y = x.emptyLike();
        int k = f.stateSize();
        double[] zi = f.steadyState();
        Kernel kernel = Kernel.of(f);
        forEachBlock(x, (rows, r0) -> {
            int width = rows.length;
            int[] ext = new int[width];
            int n = 0;
            for (int j = 0; j < width; j++) {
                ext[j] = x.lengths()[rows[j]] + 2 * edge;
                n = Math.max(n, ext[j]);
            }
            double[] buf = new double[Math.max(1, n) * width];
            double[] z = new double[k * width];
            for (int j = 0; j < width; j++) {
                int off = rows[j] * x.stride();
                int len = x.lengths()[rows[j]];
                for (int t = 0; t < ext[j]; t++) {
                    buf[t * width + j] = edge == 0 ? x.data().get(off + t)
                            : padtype.extended(x.data(), off, len, t, edge);
                }
                double x0 = buf[j];
                for (int s = 0; s < k; s++) {
                    z[s * width + j] = zi[s] * x0;
                }
            }
            kernel.run(buf, width, 0, n, z);
            for (int j = 0; j < width; j++) {
                double y0 = buf[(ext[j] - 1) * width + j];
                for (int s = 0; s < k; s++) {
                    z[s * width + j] = zi[s] * y0;
                }
                for (int lo = 0, hi = ext[j] - 1; lo < hi; lo++, hi--) {
                    double tmp = buf[lo * width + j];
                    buf[lo * width + j] = buf[hi * width + j];
                    buf[hi * width + j] = tmp;
                }
            }
            kernel.run(buf, width, 0, n, z);
            for (int j = 0; j < width; j++) {
                int off = rows[j] * y.stride();
                int last = ext[j] - 1 - edge;
                for (int i = 0; i < x.lengths()[rows[j]]; i++) {
                    y.data().put(off + i, buf[(last - i) * width + j]);
                }
            }
        });
        return y;
    }

    private interface BlockTask {
        void run(int[] rows, int blockIndex);
    }

    /** Rows sorted by length (so a block wastes little on padding) and cut into blocks run in parallel. */
    private static void forEachBlock(Batch x, BlockTask task) {
        Integer[] order = new Integer[x.rows()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer r) -> x.lengths()[r]).reversed());
        int blocks = (order.length + BLOCK - 1) / BLOCK;
        IntStream stream = IntStream.range(0, blocks);
        if (blocks > 1) {
            stream = stream.parallel();
        }
        stream.forEach(bi -> {
            int from = bi * BLOCK;
            int to = Math.min(order.length, from + BLOCK);
            int[] rows = new int[to - from];
            for (int i = from; i < to; i++) {
                rows[i - from] = order[i];
            }
            task.run(rows, bi);
        });
    }

    private static int maxLength(Batch x, int[] rows) {
        int n = 0;
        for (int r : rows) {
            n = Math.max(n, x.lengths()[r]);
        }
        return n;
    }

    /** The recursion of one filter over a time-major block buffer, in place, from sample t0 to t1. */
    private abstract static sealed class Kernel permits DirectForm, Cascade {
        abstract void run(double[] buf, int width, int t0, int t1, double[] z);

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

        DirectForm(TransferFunction tf) {
            double[][] ba = tf.normalizedPadded();
            b = ba[0];
            a = ba[1];
        }

        @Override
        void run(double[] buf, int w, int t0, int t1, double[] z) {
            int k = b.length - 1;
            if (w == 1) {
                runSingle(buf, t0, t1, z, k);
                return;
            }
            double b0 = b[0];
            double[] y = new double[w];
            for (int t = t0; t < t1; t++) {
                int base = t * w;
                if (k == 0) {
                    for (int r = 0; r < w; r++) {
                        buf[base + r] = buf[base + r] * b0;
                    }
                    continue;
                }
                for (int r = 0; r < w; r++) {
                    y[r] = z[r] + b0 * buf[base + r];
                }
                for (int i = 0; i < k - 1; i++) {
                    double bi = b[i + 1];
                    double ai = a[i + 1];
                    int zo = i * w;
                    int zn = zo + w;
                    for (int r = 0; r < w; r++) {
                        z[zo + r] = z[zn + r] + buf[base + r] * bi - y[r] * ai;
                    }
                }
                double bk = b[k];
                double ak = a[k];
                int zl = (k - 1) * w;
                for (int r = 0; r < w; r++) {
                    z[zl + r] = buf[base + r] * bk - y[r] * ak;
                    buf[base + r] = y[r];
                }
            }
        }

        private void runSingle(double[] buf, int t0, int t1, double[] z, int k) {
            double b0 = b[0];
            for (int t = t0; t < t1; t++) {
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
        }
    }

    /** scipy's sosfilt: per sample, each section in turn: x_new = b0 x + z0; z0 = b1 x − a1 x_new + z1; z1 = b2 x − a2 x_new. */
    private static final class Cascade extends Kernel {
        private final double[][] s;

        Cascade(Sos sos) {
            s = sos.sections();
        }

        @Override
        void run(double[] buf, int w, int t0, int t1, double[] z) {
            int n = s.length;
            double[] cur = new double[w];
            for (int t = t0; t < t1; t++) {
                int base = t * w;
                System.arraycopy(buf, base, cur, 0, w);
                for (int sec = 0; sec < n; sec++) {
                    double[] c = s[sec];
                    double b0 = c[0];
                    double b1 = c[1];
                    double b2 = c[2];
                    double a1 = c[4];
                    double a2 = c[5];
                    int z0 = 2 * sec * w;
                    int z1 = z0 + w;
                    for (int r = 0; r < w; r++) {
                        double xc = cur[r];
                        double xn = b0 * xc + z[z0 + r];
                        z[z0 + r] = b1 * xc - a1 * xn + z[z1 + r];
                        z[z1 + r] = b2 * xc - a2 * xn;
                        cur[r] = xn;
                    }
                }
                System.arraycopy(cur, 0, buf, base, w);
            }
        }
    }
}
