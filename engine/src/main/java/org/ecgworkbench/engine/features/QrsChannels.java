package org.ecgworkbench.engine.features;

import java.util.List;

import org.ecgworkbench.engine.qrs.QrsDetection;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Variable-length features: the Pan-Tompkins band-passed (mV) and integrated ((mV/s)^2) signals as two extra
 * channels per record, batched as one [records, 2, max samples] float32 array, zero beyond each record's length.
 *
 * @param channels [records, 2, max samples]: channel 0 band-passed, channel 1 integrated
 * @param lengths  samples of each record
 */
public record QrsChannels(INDArray channels, int[] lengths) {

    /** Channel index of the band-passed signal. */
    public static final int BANDPASSED = 0;
    /** Channel index of the integrated signal. */
    public static final int INTEGRATED = 1;

    /** Stacks the band-passed and integrated stages of detections (from one batched detection call). */
    public static QrsChannels of(List<QrsDetection> detections) {
        int rows = detections.size();
        int[] lengths = new int[rows];
        int stride = 0;
        for (int i = 0; i < rows; i++) {
            lengths[i] = detections.get(i).samples();
            stride = Math.max(stride, lengths[i]);
        }
        if ((long) rows * 2 * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many samples for one array: " + rows + " x 2 x " + stride);
        }
        float[] flat = new float[rows * 2 * stride];
        for (int i = 0; i < rows; i++) {
            QrsDetection d = detections.get(i);
            int b = (i * 2 + BANDPASSED) * stride;
            int g = (i * 2 + INTEGRATED) * stride;
            for (int s = 0; s < lengths[i]; s++) {
                flat[b + s] = (float) d.bandpassed()[s];
                flat[g + s] = (float) d.integrated()[s];
            }
        }
        return new QrsChannels(Nd4j.create(flat, new long[] {rows, 2, stride}, DataType.FLOAT), lengths);
    }
}
