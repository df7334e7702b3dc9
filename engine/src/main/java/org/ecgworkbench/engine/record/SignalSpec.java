package org.ecgworkbench.engine.record;

/**
 * One signal line of a WFDB header (header(5)), with WFDB defaults filled in.
 *
 * @param fileName        the signal file, relative to the header's folder
 * @param format          the storage format number (16, 80, 212, ...)
 * @param samplesPerFrame samples of this signal per frame (1 for ordinary records)
 * @param skew            samples by which this signal lags the others
 * @param byteOffset      bytes to skip at the start of the signal file
 * @param gain            adu per physical unit (200 when the header gives none or 0)
 * @param baseline        adu of 0 physical units (the ADC zero when absent)
 * @param units           physical units ("mV" when absent)
 * @param adcResolution   ADC bits (the format's natural width when absent or 0)
 * @param adcZero         adu at the middle of the ADC range (0 when absent)
 * @param initialValue    first sample in adu, or null when absent
 * @param checksum        16-bit sample sum in adu, or null when absent
 * @param blockSize       block size in bytes (0 for ordinary files)
 * @param description     the signal description, usually the lead name
 * @param line            1-based header line it came from, for messages
 */
public record SignalSpec(String fileName, int format, int samplesPerFrame, int skew, long byteOffset,
                         double gain, int baseline, String units, int adcResolution, int adcZero,
                         Integer initialValue, Integer checksum, int blockSize, String description, int line) {
}
