/**
 * Resident inference: a trained model loaded once and kept in memory, classifying one recording at a time with low
 * latency, swapped for another model without dropping requests. No HTTP here: the application's server and the
 * workbench's "classify this recording" action use the same {@link org.ecgworkbench.engine.serve.InferenceService}.
 */
package org.ecgworkbench.engine.serve;
