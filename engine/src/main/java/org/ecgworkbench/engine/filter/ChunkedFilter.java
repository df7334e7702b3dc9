package org.ecgworkbench.engine.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.GatherNd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPU-shaped execution path: the recursion solved as a chunked linear recurrence, entirely in ND4J
 * matrix products and gathers, so the number of ND4J ops per call does not depend on the signal length
 * (after Maleki &amp; Burtscher, "Automatic hierarchical parallelization of linear recurrences",
 * ASPLOS 2018, the scheme CuPy's lfilter uses).
 *
 * <p>A signal padded to c³ samples is cut into c² chunks of c samples. Level 1 filters every chunk from
 * a zero state at once (a product with the c×c Toeplitz matrix of the impulse response) and gets each
 * chunk's zero-state end state (a product with the chunk's input-to-state matrix). The chunk start
 * states obey s[m+1] = A^c s[m] + u[m], itself a linear recurrence, solved the same way one level up
 * (groups of c chunks) and once more at the top (c groups, from the initial state). The start states
 * then come back down as products with the state-to-output matrices. Three levels, eleven products:
 * the same ops for 9,000 samples as for 650,000, only the matrices grow (c ∝ N^(1/3)).
 */
final class ChunkedFilter {

    private static final AtomicLong OPS = new AtomicLong();
    private static final Map<PlanKey, List<Stage>> PLANS = new ConcurrentHashMap<>();

    private ChunkedFilter() {
    }

    /**
     * Samples (rows × padded length) above which a call first has the garbage collector free what earlier calls left.
     * Each call makes a few dozen arrays the size of its whole batch (gathers, index arrays, per-stage passes) that
     * only a collection frees: ND4J's CPU buffers are not JavaCPP pointers, so JavaCPP's
     * maxPhysicalBytes never calls for one, and the small Java heap rarely needs one. Seen here: repeated calls at
     * 4,096 × 9,000 grew to 24 GB resident and were killed. A collection costs milliseconds against seconds per call.
     */
    private static final long COLLECT_ABOVE_SAMPLES = 4_000_000;

    /** Frees earlier calls' arrays before a call of rows × n samples when that is large (see COLLECT_ABOVE_SAMPLES). */
    private static void collectBefore(int rows, int n) {
        if ((long) rows * n > COLLECT_ABOVE_SAMPLES) {
            Nd4j.getMemoryManager().invokeGc();
        }
    }

    /** ND4J ops issued by this path since start (each matmul, gather, elementwise op or concat is one). */
    static long opsIssued() {
        return OPS.get();
    }

    /** lfilter over every row; zi is [rows][K] or null; zf (if not null) receives the final states. */
    static INDArray lfilter(LinearFilter f, Batch x, INDArray input, double[][] zi, double[][] zf) {
        int rows = x.rows();
        int stride = x.stride();
        List<Stage> stages = stages(f, chunkFor(stride + 1));
        int n = stages.get(0).plan().padded();
        collectBefore(rows, n);
        int zero = rows * stride;
        int[] idx = new int[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < n; t++) {
                idx[r * n + t] = t < x.lengths()[r] ? r * stride + t : zero;
            }
        }
        INDArray src = withTrailingZero(input.castTo(DataType.DOUBLE).reshape((long) rows * stride));
        INDArray ys = gather(src, Nd4j.createFromArray(idx).reshape(rows, n));
        for (Stage stage : stages) {
            INDArray s0 = null;
            if (stage.size() > 0) {
                double[][] part = new double[rows][stage.size()];
                if (zi != null) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(zi[r], stage.offset(), part[r], 0, stage.size());
                    }
                }
                s0 = mmul(Nd4j.create(part), stage.toInternalT());
            }
            Pass pass = stage.plan().run(ys, s0);
            if (zf != null && stage.size() > 0) {
                double[][] states = finalStates(stage, pass, x);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(states[r], 0, zf[r], stage.offset(), stage.size());
                }
            }
            ys = pass.y();
        }
        int[] out = new int[rows * stride];
        int yZero = rows * n;
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < stride; t++) {
                out[r * stride + t] = t < x.lengths()[r] ? r * n + t : yZero;
            }
        }
        return gather(withTrailingZero(ys.reshape((long) rows * n)), Nd4j.createFromArray(out).reshape(rows, stride));
    }

    /** filtfilt over every row with padding of {@code edge} samples; returns [rows, stride] doubles. */
    static INDArray filtfilt(LinearFilter f, Batch x, INDArray input, PadType padtype, int edge) {
        int rows = x.rows();
        int stride = x.stride();
        int maxExt = 0;
        for (int len : x.lengths()) {
            maxExt = Math.max(maxExt, len + 2 * edge);
        }
        List<Stage> stages = stages(f, chunkFor(maxExt + 1));
        int n = stages.get(0).plan().padded();
        collectBefore(rows, n);
        int zero = rows * stride;
        int[] idx = new int[rows * n];
        int[] idxEnd = new int[rows * n];
        double[] sign = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            int len = x.lengths()[r];
            int ext = len + 2 * edge;
            for (int t = 0; t < n; t++) {
                int at = r * n + t;
                int i = t - edge;
                sign[at] = 1.0;
                idxEnd[at] = zero;
                if (t >= ext || len == 0) {
                    idx[at] = zero;
                } else if (i >= 0 && i < len) {
                    idx[at] = r * stride + i;
                } else {
                    idx[at] = r * stride + padtype.source(t, edge, len);
                    if (padtype == PadType.ODD) {
                        // 2·x_end − x_mirror, as SciPy's odd_ext
                        sign[at] = -1.0;
                        idxEnd[at] = r * stride + (i < 0 ? 0 : len - 1);
                    }
                }
            }
        }
        INDArray src = withTrailingZero(input.castTo(DataType.DOUBLE).reshape((long) rows * stride));
        INDArray mirrored = gather(src, Nd4j.createFromArray(idx).reshape(rows, n));
        INDArray ends = gather(src, Nd4j.createFromArray(idxEnd).reshape(rows, n));
        INDArray signs = Nd4j.create(sign, new long[] {rows, n}, 'c');
        // ext = ends + (mirrored − ends) ⊙ sign: the mirror where sign = 1, 2·end − mirror where −1
        INDArray ext = op(op(mirrored.subi(ends)).muli(signs)).addi(ends);
        OPS.incrementAndGet();
        INDArray x0 = gather(ext.reshape((long) rows * n), Nd4j.createFromArray(rowStarts(rows, n)).reshape(rows, 1));
        INDArray forward = runStages(stages, ext, x0);
        int[] lastIdx = new int[rows];
        int[] rev = new int[rows * n];
        int[] out = new int[rows * stride];
        int yZero = rows * n;
        for (int r = 0; r < rows; r++) {
            int ext1 = x.lengths()[r] + 2 * edge - 1;
            lastIdx[r] = r * n + Math.max(0, ext1);
            for (int t = 0; t < n; t++) {
                rev[r * n + t] = r * n + (t <= ext1 ? ext1 - t : 0);
            }
            for (int j = 0; j < stride; j++) {
                out[r * stride + j] = j < x.lengths()[r] ? r * n + ext1 - edge - j : yZero;
            }
        }
        INDArray yFlat = forward.reshape((long) rows * n);
        INDArray y0 = gather(yFlat, Nd4j.createFromArray(lastIdx).reshape(rows, 1));
        INDArray backward = runStages(stages, gather(yFlat, Nd4j.createFromArray(rev).reshape(rows, n)), y0);
        return gather(withTrailingZero(backward.reshape((long) rows * n)),
                Nd4j.createFromArray(out).reshape(rows, stride));
    }

    /** One pass through every stage, each started from its steady state scaled by first [rows, 1]. */
    private static INDArray runStages(List<Stage> stages, INDArray xs, INDArray first) {
        INDArray ys = xs;
        for (Stage stage : stages) {
            INDArray s0 = stage.size() == 0 ? null : mmul(first, stage.steadyStateInternal());
            ys = stage.plan().run(ys, s0).y();
        }
        return ys;
    }

    private static int[] rowStarts(int rows, int n) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = r * n;
        }
        return out;
    }

    /** The stage's state after exactly len samples: the last chunk's start state carried j = len mod c steps. */
    private static double[][] finalStates(Stage stage, Pass pass, Batch x) {
        Plan plan = stage.plan();
        int rows = x.rows();
        int c = plan.c();
        int k = plan.k();
        int chunks = c * c;
        int[] chunk = new int[rows];
        int[] within = new int[rows];
        for (int r = 0; r < rows; r++) {
            int len = x.lengths()[r];
            chunk[r] = r * chunks + len / c;
            within[r] = r * c + len % c;
        }
        INDArray chunkIdx = Nd4j.createFromArray(chunk);
        INDArray start = gather(pass.starts(), chunkIdx);
        INDArray input = gather(pass.chunks(), chunkIdx);
        INDArray all = mmul(start, plan.statePowers()).addi(mmul(input, plan.partialInputToState()));
        OPS.incrementAndGet();
        INDArray states = gather(all.reshape((long) rows * c, k), Nd4j.createFromArray(within));
        return mmul(states, stage.toExternalT()).toDoubleMatrix();
    }

    /** Smallest chunk size c with c³ ≥ n (at least 2). */
    static int chunkFor(int n) {
        int c = Math.max(2, (int) Math.floor(Math.cbrt(n)));
        while ((long) c * c * c < n) {
            c++;
        }
        return c;
    }

    /**
     * The filter as stages run one after the other: a transfer function is one stage (in well-conditioned
     * modal coordinates), second-order sections are one stage each, so that no stage's state powers grow.
     */
    private static List<Stage> stages(LinearFilter f, int c) {
        return PLANS.computeIfAbsent(new PlanKey(f, c), key -> {
            List<Stage> out = new ArrayList<>();
            switch (key.filter()) {
                case TransferFunction tf -> out.add(Stage.of(tf.stateSpace(), 0, tf.steadyState(), c));
                case Sos sos -> {
                    double[] zi = sos.steadyState();
                    double[][] sections = sos.sections();
                    for (int s = 0; s < sections.length; s++) {
                        double[] sec = sections[s];
                        StateSpace one = new TransferFunction(new double[] {sec[0], sec[1], sec[2]},
                                new double[] {sec[3], sec[4], sec[5]}).stateSpace();
                        out.add(Stage.of(one, 2 * s, new double[] {zi[2 * s], zi[2 * s + 1]}, c));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * One stage: its plan (in internal coordinates), where its state sits in the filter's state vector,
     * the maps between lfilter's coordinates and the internal ones (transposed, for row-vector states),
     * and its steady state in internal coordinates as a [1, K] row.
     */
    private record Stage(Plan plan, int offset, int size, INDArray toInternalT, INDArray toExternalT,
                         INDArray steadyStateInternal) {

        static Stage of(StateSpace ss, int offset, double[] steadyState, int c) {
            StateSpace.Realization real = ss.wellConditioned();
            int k = ss.size();
            if (k == 0) {
                return new Stage(Plan.build(real.system(), c), offset, 0, null, null, null);
            }
            double[][] toInternal = real.toInternal();
            double[] ziInternal = real.internalState(steadyState);
            return new Stage(Plan.build(real.system(), c), offset, k, Nd4j.create(toInternal).transpose().dup('c'),
                    Nd4j.create(real.toExternal()).transpose().dup('c'),
                    Nd4j.create(ziInternal, new long[] {1, k}, 'c'));
        }
    }

    private static INDArray withTrailingZero(INDArray flat) {
        OPS.incrementAndGet();
        return Nd4j.concat(0, flat, Nd4j.zeros(DataType.DOUBLE, 1));
    }

    /** Rows of src (or elements of a 1-D src) at the given indices, shaped like indices (× src's other dimensions). */
    private static INDArray gather(INDArray src, INDArray indices) {
        OPS.incrementAndGet();
        // gather_nd with [N, 1] indices: ND4J 1.0.0-M2.1's gather crashes natively on 2-D indices and, on
        // flat ones, takes ~1 µs per index on the CPU (0.5 s for a 600,000-sample batch); gather_nd ~25 ns.
        INDArray out = Nd4j.exec(new GatherNd(src, indices.reshape(indices.length(), 1)))[0];
        if (indices.rank() == 1) {
            return out;
        }
        long[] shape = new long[indices.rank() + src.rank() - 1];
        System.arraycopy(indices.shape(), 0, shape, 0, indices.rank());
        System.arraycopy(src.shape(), 1, shape, indices.rank(), src.rank() - 1);
        return out.reshape(shape);
    }

    private static INDArray mmul(INDArray a, INDArray b) {
        OPS.incrementAndGet();
        return a.mmul(b);
    }

    private static INDArray op(INDArray result) {
        OPS.incrementAndGet();
        return result;
    }

    private record PlanKey(LinearFilter filter, int c) {
    }

    /** Result of one pass: outputs [rows, c³], chunk inputs [rows·c², c], chunk start states [rows·c², K]. */
    private record Pass(INDArray y, INDArray chunks, INDArray starts) {
    }

    /** The matrices of the three levels for one filter and chunk size c. */
    private record Plan(int c, int k, double d, INDArray toeplitz, INDArray inputToState, INDArray stateToOutput,
                        INDArray local2, INDArray end2, INDArray down2, INDArray local3, INDArray down3,
                        INDArray statePowers, INDArray partialInputToState) {

        int padded() {
            return c * c * c;
        }

        static Plan build(StateSpace ss, int c) {
            int k = ss.size();
            double[] h = ss.impulseResponse(c);
            double[][] toeplitz = new double[c][c];
            for (int j = 0; j < c; j++) {
                for (int t = j; t < c; t++) {
                    toeplitz[j][t] = h[t - j];
                }
            }
            if (k == 0) {
                return new Plan(c, 0, ss.feedThrough(), Nd4j.create(toeplitz), null, null, null, null, null, null,
                        null, null, null);
            }
            double[][] inToState = ss.inputToState(c);
            double[][] stateToOut = transpose(ss.stateToOutput(c));
            double[][] p1 = ss.power(c);
            double[][] p2 = power(p1, c);
            // Powers A^j (j < c) side by side, transposed for row-vector states: [K, c·K].
            double[][] aPowers = powersRow(ss.power(1), c);
            // [i, (j,k)]: input i of a chunk reaches the state after j samples as A^(j-1-i) B (i < j),
            // which is row c - j + i of the input-to-state matrix.
            double[][] partial = new double[c][c * k];
            for (int j = 0; j < c; j++) {
                for (int i = 0; i < j; i++) {
                    System.arraycopy(inToState[c - j + i], 0, partial[i], j * k, k);
                }
            }
            return new Plan(c, k, ss.feedThrough(), Nd4j.create(toeplitz), Nd4j.create(inToState),
                    Nd4j.create(stateToOut), Nd4j.create(localStarts(p1, c)), Nd4j.create(groupEnd(p1, c)),
                    Nd4j.create(powersRow(p1, c)), Nd4j.create(localStarts(p2, c)), Nd4j.create(powersRow(p2, c)),
                    Nd4j.create(aPowers), Nd4j.create(partial));
        }

        /** Runs one pass over xs [rows, c³] from start states s0 [rows, K]. */
        Pass run(INDArray xs, INDArray s0) {
            long rows = xs.size(0);
            INDArray chunks = xs.reshape(rows * c * c, c);
            INDArray yzs = mmul(chunks, toeplitz);
            if (k == 0) {
                return new Pass(yzs.reshape(rows, (long) c * c * c), chunks, null);
            }
            INDArray u = mmul(chunks, inputToState).reshape(rows * c, (long) c * k);
            INDArray local = mmul(u, local2);
            INDArray groupEnds = mmul(u, end2).reshape(rows, (long) c * k);
            INDArray groupStarts = mmul(groupEnds, local3).addi(mmul(s0, down3));
            OPS.incrementAndGet();
            local.addi(mmul(groupStarts.reshape(rows * c, k), down2));
            OPS.incrementAndGet();
            INDArray starts = local.reshape(rows * c * c, k);
            yzs.addi(mmul(starts, stateToOutput));
            OPS.incrementAndGet();
            return new Pass(yzs.reshape(rows, (long) c * c * c), chunks, starts);
        }

        /** [(i,k'), (j,k)] = (P^(j-1-i))[k][k'] for i < j: zero-start states inside a group of g steps. */
        private static double[][] localStarts(double[][] p, int g) {
            int k = p.length;
            double[][] out = new double[g * k][g * k];
            double[][][] pw = powers(p, g);
            for (int i = 0; i < g; i++) {
                for (int j = i + 1; j < g; j++) {
                    putTransposed(out, i * k, j * k, pw[j - 1 - i]);
                }
            }
            return out;
        }

        /** [(i,k'), k] = (P^(g-1-i))[k][k']: how each step's increment reaches the state after the group. */
        private static double[][] groupEnd(double[][] p, int g) {
            int k = p.length;
            double[][] out = new double[g * k][k];
            double[][][] pw = powers(p, g);
            for (int i = 0; i < g; i++) {
                putTransposed(out, i * k, 0, pw[g - 1 - i]);
            }
            return out;
        }

        /** [k', (j,k)] = (P^j)[k][k']: a group's start state carried to each of its g steps. */
        private static double[][] powersRow(double[][] p, int g) {
            int k = p.length;
            double[][] out = new double[k][g * k];
            double[][][] pw = powers(p, g);
            for (int j = 0; j < g; j++) {
                putTransposed(out, 0, j * k, pw[j]);
            }
            return out;
        }

        private static double[][][] powers(double[][] p, int g) {
            double[][][] pw = new double[g][][];
            pw[0] = StateSpace.identity(p.length);
            for (int i = 1; i < g; i++) {
                pw[i] = StateSpace.multiply(p, pw[i - 1]);
            }
            return pw;
        }

        private static double[][] power(double[][] p, int n) {
            double[][] out = StateSpace.identity(p.length);
            for (int i = 0; i < n; i++) {
                out = StateSpace.multiply(p, out);
            }
            return out;
        }

        private static void putTransposed(double[][] dst, int row0, int col0, double[][] m) {
            for (int a = 0; a < m.length; a++) {
                for (int b = 0; b < m[a].length; b++) {
                    dst[row0 + b][col0 + a] = m[a][b];
                }
            }
        }

        private static double[][] transpose(double[][] m) {
            double[][] out = new double[m[0].length][m.length];
            putTransposed(out, 0, 0, m);
            return out;
        }
    }
}
