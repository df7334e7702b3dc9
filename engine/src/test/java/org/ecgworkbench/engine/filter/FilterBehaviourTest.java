package org.ecgworkbench.engine.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/** Contracts around the numbers: errors as SciPy raises them, shapes and types, ragged rows, op counts. */
class FilterBehaviourTest {

    private static final TransferFunction PT = Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 300);
    private static final Sos PT_SOS = Butter.sos(3, new double[] {5, 15}, BandType.BANDPASS, 300);

    @Test
    void inputNotLongerThanPadlenIsRejectedWithScipysMessage() {
        INDArray x = Nd4j.createFromArray(GoldenSignals.signal(1, 21));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Filtfilt.filtfilt(PT.b(), PT.a(), x));
        assertEquals("The length of the input vector x must be greater than padlen, which is 21.", e.getMessage());
        assertEquals(22, Filtfilt.filtfilt(PT.b(), PT.a(), Nd4j.createFromArray(GoldenSignals.signal(1, 22))).length());
    }

    @Test
    void badArgumentsAreRejected() {
        INDArray x = Nd4j.createFromArray(GoldenSignals.signal(1, 100));
        assertThrows(IllegalArgumentException.class, () -> Lfilter.lfilter(new double[] {1}, new double[] {0, 1}, x));
        assertThrows(IllegalArgumentException.class, () -> Lfilter.lfilter(new double[] {}, new double[] {1}, x));
        assertThrows(IllegalArgumentException.class, () -> PadType.parse("reflect"));
        assertThrows(IllegalArgumentException.class,
                () -> Lfilter.lfilter(PT.b(), PT.a(), x, Nd4j.zeros(DataType.DOUBLE, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> Butter.ba(2, new double[] {200}, BandType.LOWPASS, 300));
        assertThrows(IllegalArgumentException.class,
                () -> Butter.ba(2, new double[] {15, 5}, BandType.BANDPASS, 300));
        assertThrows(IllegalArgumentException.class,
                () -> Filtfilt.run(PT, Nd4j.zeros(DataType.INT, 100), null, PadType.ODD, null, FilterPath.SERIAL));
    }

    @Test
    void aLongSingleRowSplitOverTwoCoresMatchesTheOneCorePass() {
        // One row long enough to be split (forward and backward pass each in two halves at once, the second half
        // corrected by the first's zero-input response), against the same row in a two-row batch, which runs each
        // row whole on one core. They differ by rounding as amplified by the filter (b, a form, 6th order): about
        // 4e-11 of max|y| here, as far as the one-core pass is from SciPy itself; the golden tolerance is 1e-10.
        TransferFunction tf = Butter.ba(3, new double[] {5, 15}, BandType.BANDPASS, 300.0);
        double[] row = GoldenSignals.signal(7, 3 * SerialFilter.SPLIT_MIN);
        INDArray one = Filtfilt.filtfilt(tf.b(), tf.a(), Nd4j.createFromArray(row));
        INDArray two = Filtfilt.filtfilt(tf.b(), tf.a(), Nd4j.createFromArray(new double[][] {row, row}));
        double scale = two.amaxNumber().doubleValue();
        assertTrue(scale > 0.01, "a signal, not silence: " + scale);
        assertEquals(0, one.sub(two.getRow(0)).amaxNumber().doubleValue() / scale, 1e-10);
    }

    @Test
    void shapeAndTypeArePreserved() {
        INDArray x32 = Nd4j.create(GoldenSignals.batch(3, new int[] {500, 500, 500})).castTo(DataType.FLOAT);
        for (FilterPath path : FilterPath.values()) {
            INDArray y = Filtfilt.run(PT, x32, null, PadType.ODD, null, path);
            assertEquals(DataType.FLOAT, y.dataType());
            assertArrayEquals(new long[] {3, 500}, y.shape());
        }
        INDArray x1 = Nd4j.createFromArray(GoldenSignals.signal(4, 300));
        assertArrayEquals(new long[] {300}, Lfilter.lfilter(PT.b(), PT.a(), x1).shape());
    }

    @Test
    void eachRowOfARaggedBatchIsFilteredAsItWouldBeAlone() {
        int[] lengths = {900, 23, 4000, 1777};
        double[][] rows = GoldenSignals.batch(11, lengths);
        double[][] padded = padded(rows, lengths, 4000);
        for (FilterPath path : new FilterPath[] {FilterPath.SERIAL, FilterPath.CHUNKED}) {
            double[][] batch = Filtfilt.run(PT, Nd4j.create(padded), lengths, PadType.ODD, null, path).toDoubleMatrix();
            for (int r = 0; r < rows.length; r++) {
                double[] alone = Filtfilt.run(PT, Nd4j.createFromArray(rows[r]), null, PadType.ODD, null, path)
                        .toDoubleVector();
                for (int t = 0; t < lengths[r]; t++) {
                    assertEquals(alone[t], batch[r][t], 1e-12 * (1 + Math.abs(alone[t])), path + " row " + r + " t " + t);
                }
                for (int t = lengths[r]; t < 4000; t++) {
                    assertEquals(0.0, batch[r][t]);
                }
            }
        }
    }

    @Test
    void largeResultsInRecycledMemoryNeverOverwriteAResultStillHeld() {
        // 300 x 1,000 float64 is 2.4 MB: outputs this large come from RecycledMemory.
        int[] lengths = new int[300];
        java.util.Arrays.fill(lengths, 1000);
        INDArray x1 = Nd4j.create(GoldenSignals.batch(5, lengths));
        INDArray x2 = Nd4j.create(GoldenSignals.batch(6, lengths));
        INDArray y1 = Filtfilt.filtfilt(PT.b(), PT.a(), x1);
        double[][] expected1 = y1.toDoubleMatrix();
        INDArray y2 = Filtfilt.filtfilt(PT.b(), PT.a(), x2);
        assertArrayEquals(expected1, y1.toDoubleMatrix(), "y1 is held: y2 must not land in its memory");
        double[][] expected2 = y2.toDoubleMatrix();
        long y1Memory = y1.data().addressPointer().address();
        assertTrue(y1.closeable(), "a caller can hand a result's memory back");
        y1.close();
        INDArray again = Filtfilt.filtfilt(PT.b(), PT.a(), x1);
        assertEquals(y1Memory, again.data().addressPointer().address(), "closed y1's memory is reused");
        assertArrayEquals(expected1, again.toDoubleMatrix());
        assertArrayEquals(expected2, y2.toDoubleMatrix());
        again.close();
        y2.close();
        INDArray asFloat = Filtfilt.filtfilt(PT.b(), PT.a(), x1.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, asFloat.dataType());
        assertEquals(expected1[299][999], asFloat.getDouble(299, 999), 1e-4 * Math.abs(expected1[299][999]) + 1e-6);
    }

    @Test
    void aWideRaggedBatchSpanningSeveralBlocksMatchesRowsAlone() {
        // More rows than one lane block holds (so the lane path runs, not the single-row one), lengths ending
        // anywhere in a tile, the last block part empty: every lane equals its row filtered alone.
        int rows = 2 * SerialFilter.LANES + 37;
        int[] lengths = new int[rows];
        java.util.Random rnd = new java.util.Random(3);
        for (int r = 0; r < rows; r++) {
            lengths[r] = 22 + rnd.nextInt(1500);
        }
        double[][] signals = GoldenSignals.batch(17, lengths);
        double[][] padded = padded(signals, lengths, 1522);
        for (PadType padtype : new PadType[] {PadType.ODD, PadType.EVEN, PadType.CONSTANT, PadType.NONE}) {
            double[][] batch = Filtfilt.run(PT, Nd4j.create(padded), lengths, padtype, null, FilterPath.SERIAL)
                    .toDoubleMatrix();
            double[][] lf = Lfilter.run(PT, Nd4j.create(padded), lengths, null, FilterPath.SERIAL).y().toDoubleMatrix();
            double[][] sf = Filtfilt.run(PT_SOS, Nd4j.create(padded), lengths, padtype, null, FilterPath.SERIAL)
                    .toDoubleMatrix();
            for (int r = 0; r < rows; r += 7) {
                INDArray one = Nd4j.createFromArray(signals[r]);
                double[] alone = Filtfilt.run(PT, one, null, padtype, null, FilterPath.SERIAL).toDoubleVector();
                double[] lfAlone = Lfilter.run(PT, one, null, null, FilterPath.SERIAL).y().toDoubleVector();
                double[] sfAlone = Filtfilt.run(PT_SOS, one, null, padtype, null, FilterPath.SERIAL).toDoubleVector();
                for (int t = 0; t < lengths[r]; t++) {
                    assertEquals(alone[t], batch[r][t], padtype + " row " + r + " t " + t);
                    assertEquals(lfAlone[t], lf[r][t], "lfilter row " + r + " t " + t);
                    assertEquals(sfAlone[t], sf[r][t], "sosfiltfilt row " + r + " t " + t);
                }
                for (int t = lengths[r]; t < padded[r].length; t++) {
                    assertEquals(0.0, batch[r][t]);
                    assertEquals(0.0, lf[r][t]);
                    assertEquals(0.0, sf[r][t]);
                }
            }
        }
    }

    @Test
    void laneBlocksMatchRowsAloneForEveryStateCount() {
        // The lane kernels come in fixed state counts (odd counts padded with a zero state) and fall back to
        // loops per state above them: 1 to 6 states and 8, each lane equal to its row filtered alone.
        TransferFunction[] filters = {
            Butter.ba(1, new double[] {20}, BandType.LOWPASS, 300),
            Butter.ba(2, new double[] {20}, BandType.LOWPASS, 300),
            Butter.ba(3, new double[] {0.5}, BandType.HIGHPASS, 300),
            Butter.ba(2, new double[] {5, 15}, BandType.BANDPASS, 300),
            Butter.ba(5, new double[] {40}, BandType.LOWPASS, 300),
            PT,
            Butter.ba(4, new double[] {5, 15}, BandType.BANDPASS, 300),
        };
        int rows = SerialFilter.LANES + 5;
        int[] lengths = new int[rows];
        java.util.Random rnd = new java.util.Random(5);
        for (int r = 0; r < rows; r++) {
            lengths[r] = 40 + rnd.nextInt(700);
        }
        double[][] signals = GoldenSignals.batch(23, lengths);
        double[][] padded = padded(signals, lengths, 740);
        for (TransferFunction f : filters) {
            double[][] batch = Filtfilt.run(f, Nd4j.create(padded), lengths, PadType.ODD, null, FilterPath.SERIAL)
                    .toDoubleMatrix();
            double[][] lf = Lfilter.run(f, Nd4j.create(padded), lengths, null, FilterPath.SERIAL).y().toDoubleMatrix();
            for (int r = 0; r < rows; r += 3) {
                INDArray one = Nd4j.createFromArray(signals[r]);
                double[] alone = Filtfilt.run(f, one, null, PadType.ODD, null, FilterPath.SERIAL).toDoubleVector();
                double[] lfAlone = Lfilter.run(f, one, null, null, FilterPath.SERIAL).y().toDoubleVector();
                for (int t = 0; t < lengths[r]; t++) {
                    assertEquals(alone[t], batch[r][t], f.stateSize() + " states, row " + r + " t " + t);
                    assertEquals(lfAlone[t], lf[r][t], "lfilter, " + f.stateSize() + " states, row " + r + " t " + t);
                }
            }
        }
    }

    @Test
    void filteringIntoAGivenArrayGivesTheSameNumbers() {
        int[] lengths = {900, 23, 4000, 1777};
        double[][] rows = GoldenSignals.batch(11, lengths);
        double[][] padded = padded(rows, lengths, 4000);
        for (FilterPath path : new FilterPath[] {FilterPath.SERIAL, FilterPath.CHUNKED}) {
            INDArray x = Nd4j.create(padded);
            INDArray fresh = Filtfilt.run(PT, x, lengths, PadType.ODD, null, path);
            INDArray out = Nd4j.valueArrayOf(new long[] {4, 4000}, Double.NaN, DataType.DOUBLE);
            assertTrue(out == Filtfilt.run(PT, x, lengths, PadType.ODD, null, path, out));
            assertEquals(fresh, out, path + ": into a stale array");
            INDArray inPlace = x.dup('c');
            Filtfilt.run(PT, inPlace, lengths, PadType.ODD, null, path, inPlace);
            assertEquals(fresh, inPlace, path + ": in place");
        }
        assertThrows(IllegalArgumentException.class, () -> Filtfilt.run(PT, Nd4j.create(padded), lengths,
                PadType.ODD, null, FilterPath.SERIAL, Nd4j.zeros(DataType.FLOAT, 4, 4000)));
    }

    @Test
    void chunkedPathIssuesTheSameOpsForShortAndLongSignals() {
        long[] ours = new long[2];
        long[] counted = new long[2];
        int[] lengths = {9000, 650000};
        OpExecutioner ex = Nd4j.getExecutioner();
        for (int i = 0; i < 2; i++) {
            INDArray x = Nd4j.createFromArray(GoldenSignals.signal(5, lengths[i]));
            Filtfilt.run(PT, x, null, PadType.ODD, null, FilterPath.CHUNKED); // plans and caches settle
            long before = ChunkedFilter.opsIssued();
            ex.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
            OpProfiler.getInstance().reset();
            Filtfilt.run(PT, x, null, PadType.ODD, null, FilterPath.CHUNKED);
            counted[i] = OpProfiler.getInstance().getInvocationsCount();
            ex.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            ours[i] = ChunkedFilter.opsIssued() - before;
        }
        System.out.printf("chunked filtfilt ops: ours %d / %d, ND4J profiler %d / %d (9,000 / 650,000 samples)%n",
                ours[0], ours[1], counted[0], counted[1]);
        assertTrue(ours[0] > 10);
        assertEquals(ours[0], ours[1]);
        assertEquals(counted[0], counted[1]);
    }

    @Test
    void stepResponseSettlesAtTheSteadyState() {
        // lfilter from lfilter_zi scaled by the first sample gives a constant output for a constant input.
        double[] ones = new double[200];
        java.util.Arrays.fill(ones, 3.0);
        TransferFunction lp = Butter.ba(4, new double[] {40}, BandType.LOWPASS, 250);
        INDArray zi = Nd4j.createFromArray(Lfilter.lfilterZi(lp.b(), lp.a())).muli(3.0);
        double[] y = Lfilter.lfilter(lp.b(), lp.a(), Nd4j.createFromArray(ones), zi).y().toDoubleVector();
        for (double v : y) {
            assertEquals(3.0, v, 1e-12);
        }
    }

    /** The rows, each zero-padded to width samples, as one [rows, width] matrix. */
    private static double[][] padded(double[][] rows, int[] lengths, int width) {
        double[][] out = new double[rows.length][width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out[r], 0, lengths[r]);
        }
        return out;
    }
}
