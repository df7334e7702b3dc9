package org.ecgworkbench.engine.serve;

/**
 * What the service asks of a model: a description of itself and class probabilities of one prepared lead signal.
 * {@link ModelClassifier} is the trained network; tests give stubs (e.g. one that blocks until released, to fill a
 * request queue deterministically).
 */
public interface Classifier {

    /** What is loaded: run id, rate, lead, classes, provenance and scores. */
    ModelCard card();

    /**
     * Class probabilities, in {@link ModelCard#classes()} order, of one lead signal already checked by the service;
     * called from many threads at once.
     */
    double[] probabilities(LeadSignal signal);
}
