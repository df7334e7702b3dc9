package org.ecgworkbench.engine.record;

import java.util.ArrayList;
import java.util.List;

/** Builds a Record from a header and decoded ADC values, checking the header's initial values and checksums. */
final class RecordAssembler {

    private RecordAssembler() {
    }

    /**
     * The record, with a warning for each header initial value or checksum that disagrees with the data.
     * The leads carry the values computed from the data, so writing the record yields a consistent header.
     */
    static Record assemble(Header h, int[][] adc, List<String> warnings) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < adc.length; i++) {
            SignalSpec s = h.signals().get(i);
            int first = adc[i].length > 0 ? adc[i][0] : s.adcZero();
            int sum = checksum(adc[i]);
            String label = "signal " + i + " (" + s.description() + ")";
            if (s.initialValue() != null && adc[i].length > 0 && s.initialValue() != first) {
                warnings.add(label + ": header initial value " + s.initialValue() + " differs from the first sample " + first);
            }
            // PhysioNet's challenge headers write 0 where no checksum was computed, so 0 is not checked.
            if (s.checksum() != null && s.checksum() != 0 && (short) (int) s.checksum() != (short) sum) {
                warnings.add(label + ": header checksum " + s.checksum() + " differs from the data's " + sum);
            }
            leads.add(new Lead(s.description(), s.units(), s.gain(), s.baseline(), s.adcZero(), s.adcResolution(),
                    first, sum));
        }
        return Record.fromAdc(h.recordName(), h.samplingFrequency(), leads, adc, h.baseTime(), h.baseDate(),
                h.comments(), warnings);
    }

    /** The signal(5) checksum: the sum of all samples, kept as a signed 16-bit value. */
    static int checksum(int[] samples) {
        int sum = 0;
        for (int v : samples) {
            sum += v;
        }
        return (short) sum;
    }
}
