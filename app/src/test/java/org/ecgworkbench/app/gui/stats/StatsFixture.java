package org.ecgworkbench.app.gui.stats;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes a DL4J stats file the way a workbench run does (StatsListener into a FileStatsStorage), from a tiny
 * network; run as a main it keeps training (and writing) until killed, like a run's child JVM.
 */
public final class StatsFixture {

    private final MultiLayerNetwork net;
    private final DataSet data;

    StatsFixture(FileStatsStorage storage) {
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setListeners(new StatsListener(storage, 1));
        Nd4j.getRandom().setSeed(7);
        data = new DataSet(Nd4j.rand(16, 4), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0));
    }

    /** Trains iterations steps (one stats record each). */
    void fit(int iterations) {
        for (int i = 0; i < iterations; i++) {
            net.fit(data);
        }
    }

    /** Writes a finished run of iterations steps to file and closes it; returns its session id. */
    static String write(Path file, int iterations) {
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            new StatsFixture(storage).fit(iterations);
            return storage.listSessionIDs().get(0);
        } finally {
            storage.close();
        }
    }

    /** A run still training: args = stats file; prints "iterations N" after every 5 steps, runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        FileStatsStorage storage = new FileStatsStorage(new File(args[0]));
        StatsFixture f = new StatsFixture(storage);
        for (int n = 5; ; n += 5) {
            f.fit(5);
            System.out.println("iterations " + n);
            System.out.flush();
            Thread.sleep(50);
        }
    }
}
