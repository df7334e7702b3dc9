package org.ecgworkbench.engine.record;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recording: sampled signals of several leads with their calibration and header information.
 *
 * <p>A record read from WFDB or MATLAB files keeps its raw ADC values (adu) and derives the physical
 * values as (adc - baseline) / gain. A record read from CSV holds physical values only; writing it
 * to WFDB quantizes it first. Arrays handed out are copies, so a Record never changes once built.
 */
public final class Record {

    private final String name;
    private final double samplingFrequency;
    private final List<Lead> leads;
    private final int[][] adc;
    private final double[][] physical;
    private final int samples;
    private final LocalTime baseTime;
    private final LocalDate baseDate;
    private final List<String> comments;
    private final List<String> warnings;

    private Record(String name, double fs, List<Lead> leads, int[][] adc, double[][] physical,
                   LocalTime baseTime, LocalDate baseDate, List<String> comments, List<String> warnings) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("sampling frequency must be positive, got " + fs);
        }
        if (physical.length != leads.size()) {
            throw new IllegalArgumentException(leads.size() + " leads but " + physical.length + " signals");
        }
        this.name = Objects.requireNonNull(name);
        this.samplingFrequency = fs;
        this.leads = List.copyOf(leads);
        this.adc = adc;
        this.physical = physical;
        this.samples = physical.length == 0 ? 0 : physical[0].length;
        for (double[] row : physical) {
            if (row.length != samples) {
                throw new IllegalArgumentException("all leads must have the same number of samples");
            }
        }
        this.baseTime = baseTime;
        this.baseDate = baseDate;
        this.comments = List.copyOf(comments);
        this.warnings = List.copyOf(warnings);
    }

    /** A record from raw ADC values in adu, one row per lead; physical values follow from each lead's gain and baseline. */
    public static Record fromAdc(String name, double samplingFrequency, List<Lead> leads, int[][] adc,
                                 LocalTime baseTime, LocalDate baseDate, List<String> comments, List<String> warnings) {
        if (adc.length != leads.size()) {
            throw new IllegalArgumentException(leads.size() + " leads but " + adc.length + " signals");
        }
        int[][] raw = new int[adc.length][];
        double[][] phys = new double[adc.length][];
        for (int i = 0; i < adc.length; i++) {
            Lead lead = leads.get(i);
            if (!lead.hasAdc()) {
                throw new IllegalArgumentException("lead " + i + " has no ADC gain");
            }
            raw[i] = adc[i].clone();
            phys[i] = new double[raw[i].length];
            for (int s = 0; s < raw[i].length; s++) {
                phys[i][s] = lead.toPhysical(raw[i][s]);
            }
        }
        return new Record(name, samplingFrequency, leads, raw, phys, baseTime, baseDate, comments, warnings);
    }

    /** A record from physical values (e.g. mV), one row per lead, with no ADC values. */
    public static Record fromPhysical(String name, double samplingFrequency, List<String> leadNames, List<String> units,
                                      double[][] physical, List<String> comments, List<String> warnings) {
        if (leadNames.size() != units.size()) {
            throw new IllegalArgumentException("one unit per lead name needed");
        }
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < leadNames.size(); i++) {
            leads.add(Lead.physicalOnly(leadNames.get(i), units.get(i)));
        }
        double[][] phys = new double[physical.length][];
        for (int i = 0; i < physical.length; i++) {
            phys[i] = physical[i].clone();
        }
        return new Record(name, samplingFrequency, leads, null, phys, null, null, comments, warnings);
    }

    /** The record name, e.g. "100" or "A00001". */
    public String name() {
        return name;
    }

    /** Sampling frequency in Hz (samples per second per lead). */
    public double samplingFrequency() {
        return samplingFrequency;
    }

    /** Number of leads (signals). */
    public int leadCount() {
        return leads.size();
    }

    /** Calibration and description of every lead. */
    public List<Lead> leads() {
        return leads;
    }

    /** Lead names (WFDB signal descriptions), such as "MLII". */
    public List<String> leadNames() {
        return leads.stream().map(Lead::description).toList();
    }

    /** Physical units of every lead, such as "mV". */
    public List<String> units() {
        return leads.stream().map(Lead::units).toList();
    }

    /** Number of samples per lead. */
    public int samples() {
        return samples;
    }

    /** Duration in seconds: samples / sampling frequency. */
    public double durationSeconds() {
        return samples / samplingFrequency;
    }

    /** Whether raw ADC values (adu) are available; false for records read from physical values such as CSV. */
    public boolean hasAdc() {
        return adc != null;
    }

    /** Raw ADC values of one lead, in adu (a copy). */
    public int[] adc(int lead) {
        return adcView(lead).clone();
    }

    /** Raw ADC values of all leads, in adu, as [lead][sample] (a copy). */
    public int[][] adc() {
        int[][] out = new int[leadCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = adc(i);
        }
        return out;
    }

    /** Physical values of one lead, in its units (normally mV) (a copy). */
    public double[] physical(int lead) {
        return physical[lead].clone();
    }

    /** Physical values of all leads, in their units (normally mV), as [lead][sample] (a copy). */
    public double[][] physical() {
        double[][] out = new double[physical.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = physical[i].clone();
        }
        return out;
    }

    /** Gains in adu per physical unit, one per lead (NaN where no ADC values exist). */
    public double[] gains() {
        return leads.stream().mapToDouble(Lead::gain).toArray();
    }

    /** Baselines in adu (the ADC value of 0 physical units), one per lead. */
    public int[] baselines() {
        return leads.stream().mapToInt(Lead::baseline).toArray();
    }

    /** ADC zero values in adu, one per lead. */
    public int[] adcZeros() {
        return leads.stream().mapToInt(Lead::adcZero).toArray();
    }

    /** ADC resolutions in bits, one per lead. */
    public int[] adcResolutions() {
        return leads.stream().mapToInt(Lead::adcResolution).toArray();
    }

    /** First sample of every lead, in adu. */
    public int[] initialValues() {
        return leads.stream().mapToInt(Lead::initialValue).toArray();
    }

    /** 16-bit checksums (sum of all samples, signal(5)) of every lead, in adu. */
    public int[] checksums() {
        return leads.stream().mapToInt(Lead::checksum).toArray();
    }

    /** Time of day of the first sample, or null when unknown. */
    public LocalTime baseTime() {
        return baseTime;
    }

    /** Date of the first sample, or null when unknown. */
    public LocalDate baseDate() {
        return baseDate;
    }

    /** Header comment lines (info strings), without the leading '#'. */
    public List<String> comments() {
        return comments;
    }

    /** Problems found while reading that did not prevent it, such as checksum or initial-value mismatches. */
    public List<String> warnings() {
        return warnings;
    }

    /** The ADC row itself, for readers and writers in this package that must not copy 650000 samples. */
    int[] adcView(int lead) {
        if (adc == null) {
            throw new IllegalStateException("record " + name + " holds physical values only");
        }
        return adc[lead];
    }

    /** The physical row itself, for writers in this package. */
    double[] physicalView(int lead) {
        return physical[lead];
    }

    @Override
    public String toString() {
        return "Record[" + name + ", " + samplingFrequency + " Hz, " + samples + " samples, leads " + leadNames() + "]";
    }
}
