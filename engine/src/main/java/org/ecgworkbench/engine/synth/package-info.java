/**
 * Synthetic ECG after McSharry et al., "A dynamical model for generating synthetic electrocardiogram
 * signals", IEEE Trans. Biomed. Eng. 50(3):289-294, 2003 (ECGSYN), with reference beat and rhythm
 * annotations.
 *
 * <p>This is our own code: no maintained Java implementation of ECGSYN exists (the reference code is the
 * authors' MATLAB/C/Java-applet release on PhysioNet, which is not a library), and the model is short.
 * Entry point: {@link org.ecgworkbench.engine.synth.Synthesizer#generate(SynthParams)}.
 */
package org.ecgworkbench.engine.synth;
