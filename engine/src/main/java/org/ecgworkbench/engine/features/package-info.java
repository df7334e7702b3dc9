/**
 * Hand-crafted features for the networks: a fixed vector per record ({@link org.ecgworkbench.engine.features.RecordFeatures}:
 * RR statistics, RR irregularity, Welch spectra, signal quality) and variable-length extra channels
 * ({@link org.ecgworkbench.engine.features.QrsChannels}). Names, units and formulas: docs/features.md.
 */
package org.ecgworkbench.engine.features;
