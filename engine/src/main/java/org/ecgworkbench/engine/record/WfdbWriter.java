package org.ecgworkbench.engine.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Writes a record as WFDB format 16 (a NAME.hea header and one NAME.dat with all leads interleaved).
 *
 * <p>ADC values, gains, baselines, units, descriptions, base time and comments are kept exactly; the
 * header carries the initial value and checksum of the data, so WFDB tools accept it. Records without
 * ADC values are quantized first ({@link Quantizer}).
 */
public final class WfdbWriter {

    private WfdbWriter() {
    }

    /** Writes the record into dir and returns the header path. */
    public static Path write(Record record, Path dir) throws IOException {
        Record r = Quantizer.quantize(record);
        String name = safeName(r.name());
        for (int i = 0; i < r.leadCount(); i++) {
            for (int v : r.adcView(i)) {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw new IllegalArgumentException("signal " + i + " has value " + v + " adu, outside format 16");
                }
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".dat"), samples(r));
        Path hea = dir.resolve(name + ".hea");
        Files.writeString(hea, header(r, name), StandardCharsets.UTF_8);
        return hea;
    }

    /** The header text for a record stored as name.dat in format 16, LF line endings. */
    static String header(Record r, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(' ').append(r.leadCount()).append(' ').append(number(r.samplingFrequency()))
                .append(' ').append(r.samples());
        if (r.baseTime() != null) {
            sb.append(' ').append(time(r.baseTime()));
            if (r.baseDate() != null) {
                sb.append(' ').append(date(r.baseDate()));
            }
        }
        sb.append('\n');
        List<Lead> leads = r.leads();
        for (Lead l : leads) {
            sb.append(name).append(".dat 16 ").append(number(l.gain())).append('(').append(l.baseline()).append(")/")
                    .append(l.units().isBlank() ? "mV" : l.units().replaceAll("\\s", "_"))
                    .append(' ').append(l.adcResolution()).append(' ').append(l.adcZero())
                    .append(' ').append(l.initialValue()).append(' ').append(l.checksum()).append(" 0 ")
                    .append(l.description().replaceAll("[\\r\\n]", " ")).append('\n');
        }
        for (String c : r.comments()) {
            sb.append("# ").append(c.replaceAll("[\\r\\n]", " ")).append('\n');
        }
        return sb.toString();
    }

    private static byte[] samples(Record r) {
        int n = r.samples();
        int k = r.leadCount();
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(n, k), 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < k; i++) {
                buf.putShort((short) r.adcView(i)[s]);
            }
        }
        return buf.array();
    }

    /** A number without a needless ".0", so integral gains and frequencies read as in PhysioNet headers. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() == 0 ? s : s + String.format(".%03d", t.getNano() / 1_000_000);
    }

    private static String date(LocalDate d) {
        return String.format("%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }

    /** WFDB record names are letters, digits, '_' and '-'; anything else is replaced. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "record" : s;
    }
}
