/**
 * QRS detection and its evaluation: the Pan-Tompkins detector with every stage kept as data
 * ({@link org.ecgworkbench.engine.qrs.PanTompkins}, {@link org.ecgworkbench.engine.qrs.QrsDetection}),
 * beat-by-beat comparison with reference annotations as WFDB's bxb does
 * ({@link org.ecgworkbench.engine.qrs.Bxb}, {@link org.ecgworkbench.engine.qrs.BeatScore}).
 */
package org.ecgworkbench.engine.qrs;
