/**
 * Reading and writing ECG recordings: PhysioNet WFDB records (header, signal formats 16, 80, 212,
 * MIT annotation files), PhysioNet/CinC 2017 MATLAB v4 files and labels, and plain CSV.
 *
 * <p>Written in plain Java NIO because there is no maintained Java WFDB reader on Maven Central.
 * Names and semantics follow the WFDB man pages header(5), signal(5) and annotation(5). Every
 * malformed input is reported as a {@link org.ecgworkbench.engine.record.RecordFormatException}.
 */
package org.ecgworkbench.engine.record;
