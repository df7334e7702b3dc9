package org.ecgworkbench.engine.net;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded batches for small test networks of the 1 x k layout: [n, 3, 1, 200] inputs, one-hot labels of 4 classes. */
final class ConvBatches {

    private ConvBatches() {
    }

    /** n examples from seed: Gaussian inputs, standard deviation 2.5, around offset; example i is class i % 4. */
    static DataSet of(int n, long seed, double offset) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 3, 1, 200).muli(2.5).addi(offset);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 4, 1);
        }
        return new DataSet(x, y);
    }
}
