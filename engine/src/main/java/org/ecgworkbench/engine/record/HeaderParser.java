package org.ecgworkbench.engine.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses WFDB header text (header(5)); tolerant of CRLF, trailing spaces, blank lines and comments anywhere. */
final class HeaderParser {

    /** Headers are small; a bigger file is not a header and is refused before reading it all. */
    static final long MAX_HEADER_BYTES = 16L << 20;
    /** More signals than any real record has; bounds the signal list before it is built. */
    static final int MAX_SIGNALS = 100_000;

    private static final Pattern FREQ = Pattern.compile("([^/()]+)(?:/([^/()]+)(?:\\(([^()]+)\\))?)?");
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(?:x(\\d{1,6}))?(?::(\\d{1,9}))?(?:\\+(\\d{1,18}))?");
    private static final Pattern GAIN = Pattern.compile(
            "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d{1,3})?)(?:\\(([-+]?\\d{1,10})\\))?(?:/(\\S+))?");

    private final Path file;
    private final List<String> warnings = new ArrayList<>();

    private HeaderParser(Path file) {
        this.file = file;
    }

    static Header parse(Path file) throws RecordFormatException {
        byte[] bytes = Io.readAll(file, MAX_HEADER_BYTES);
        return parse(new String(bytes, StandardCharsets.UTF_8), file);
    }

    /** Parses header text; file only names the source in messages and locates signal files. */
    static Header parse(String text, Path file) throws RecordFormatException {
        return new HeaderParser(file).parseText(text);
    }

    private Header parseText(String text) throws RecordFormatException {
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<String> comments = new ArrayList<>();
        int i = 0;
        String recordLine = null;
        int recordLineNo = 0;
        for (; i < lines.length && recordLine == null; i++) {
            String l = lines[i].strip();
            if (l.startsWith("#")) {
                comments.add(l.substring(1).strip());
            } else if (!l.isEmpty()) {
                recordLine = l;
                recordLineNo = i + 1;
            }
        }
        if (recordLine == null) {
            throw RecordFormatException.of(file, "no record line: not a WFDB header");
        }
        String[] t = recordLine.split("\\s+");
        String name = t[0];
        if (name.contains("/")) {
            throw RecordFormatException.atLine(file, recordLineNo, "multi-segment records are not supported");
        }
        if (t.length < 2) {
            throw RecordFormatException.atLine(file, recordLineNo, "record line lacks the number of signals");
        }
        int nsig = (int) integer(t[1], "number of signals", recordLineNo, 0, MAX_SIGNALS);
        if (nsig == 0) {
            throw RecordFormatException.atLine(file, recordLineNo, "records without signals are not supported");
        }
        double fs = Header.DEFAULT_FREQUENCY;
        double counterFreq = 0;
        double baseCounter = 0;
        if (t.length > 2) {
            Matcher m = FREQ.matcher(t[2]);
            if (!m.matches()) {
                throw RecordFormatException.atLine(file, recordLineNo, "bad sampling frequency field '" + t[2] + "'");
            }
            fs = positive(m.group(1), "sampling frequency", recordLineNo);
            if (m.group(2) != null) {
                counterFreq = positive(m.group(2), "counter frequency", recordLineNo);
            }
            if (m.group(3) != null) {
                baseCounter = real(m.group(3), "base counter value", recordLineNo);
            }
        }
        long nsamp = -1;
        if (t.length > 3) {
            nsamp = integer(t[3], "number of samples", recordLineNo, 0, Long.MAX_VALUE);
            if (nsamp == 0) {
                nsamp = -1;  // WFDB: 0 means unknown, read to the end of the file
            }
        }
        LocalTime baseTime = t.length > 4 ? time(t[4], recordLineNo) : null;
        LocalDate baseDate = t.length > 5 ? date(t[5], recordLineNo) : null;
        if (t.length > 6) {
            warnings.add(file.getFileName() + " line " + recordLineNo + ": extra fields on the record line ignored");
        }

        List<SignalSpec> signals = new ArrayList<>();
        for (; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("#")) {
                comments.add(l.substring(1).strip());
            } else if (!l.isEmpty()) {
                if (signals.size() < nsig) {
                    signals.add(signal(l, i + 1, name, signals.size()));
                } else {
                    warnings.add(file.getFileName() + " line " + (i + 1) + ": line after the signal lines ignored");
                }
            }
        }
        if (signals.size() < nsig) {
            throw RecordFormatException.atLine(file, lines.length,
                    "header declares " + nsig + " signals but has " + signals.size() + " signal lines");
        }
        return new Header(file, name, fs, counterFreq == 0 ? fs : counterFreq, baseCounter, nsamp,
                baseTime, baseDate, signals, comments, warnings);
    }

    private SignalSpec signal(String l, int lineNo, String recordName, int index) throws RecordFormatException {
        String[] f = l.split("\\s+", 9);
        if (f.length < 2) {
            throw RecordFormatException.atLine(file, lineNo, "signal line lacks the format field");
        }
        Matcher fm = FORMAT.matcher(f[1]);
        if (!fm.matches()) {
            throw RecordFormatException.atLine(file, lineNo, "bad signal format field '" + f[1] + "'");
        }
        int format = Integer.parseInt(fm.group(1));
        int spf = fm.group(2) == null ? 1 : Integer.parseInt(fm.group(2));
        int skew = fm.group(3) == null ? 0 : Integer.parseInt(fm.group(3));
        long offset = fm.group(4) == null ? 0 : Long.parseLong(fm.group(4));
        double gain = Lead.DEFAULT_GAIN;
        Integer baseline = null;
        String units = "mV";
        if (f.length > 2) {
            Matcher gm = GAIN.matcher(f[2]);
            if (!gm.matches()) {
                throw RecordFormatException.atLine(file, lineNo, "bad gain field '" + f[2] + "'");
            }
            gain = real(gm.group(1), "gain", lineNo);
            if (gain == 0) {
                gain = Lead.DEFAULT_GAIN;  // WFDB: 0 marks an uncalibrated signal, displayed at the default gain
            }
            if (gm.group(2) != null) {
                baseline = (int) integer(gm.group(2), "baseline", lineNo, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (gm.group(3) != null) {
                units = gm.group(3);
            }
        }
        int adcRes = f.length > 3 ? (int) integer(f[3], "ADC resolution", lineNo, 0, 32) : 0;
        if (adcRes == 0) {
            adcRes = naturalResolution(format);
        }
        int adcZero = f.length > 4 ? (int) integer(f[4], "ADC zero", lineNo, Integer.MIN_VALUE, Integer.MAX_VALUE) : 0;
        Integer initVal = f.length > 5
                ? (int) integer(f[5], "initial value", lineNo, Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
        Integer checksum = f.length > 6
                ? (int) integer(f[6], "checksum", lineNo, Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
        int blockSize = f.length > 7 ? (int) integer(f[7], "block size", lineNo, 0, Integer.MAX_VALUE) : 0;
        String description = f.length > 8 ? f[8] : "record " + recordName + ", signal " + index;
        return new SignalSpec(f[0], format, spf, skew, offset, gain, baseline == null ? adcZero : baseline, units,
                adcRes, adcZero, initVal, checksum, blockSize, description, lineNo);
    }

    private static int naturalResolution(int format) {
        return switch (format) {
            case 80 -> 8;
            case 212 -> 12;
            default -> 16;
        };
    }

    private long integer(String s, String what, int line, long min, long max) throws RecordFormatException {
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(file, line, "bad " + what + " '" + s + "'");
        }
        if (v < min || v > max) {
            throw RecordFormatException.atLine(file, line, what + " " + v + " out of range " + min + ".." + max);
        }
        return v;
    }

    private double real(String s, String what, int line) throws RecordFormatException {
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw RecordFormatException.atLine(file, line, "bad " + what + " '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw RecordFormatException.atLine(file, line, what + " is not a finite number: '" + s + "'");
        }
        return v;
    }

    private double positive(String s, String what, int line) throws RecordFormatException {
        double v = real(s, what, line);
        if (!(v > 0)) {
            throw RecordFormatException.atLine(file, line, what + " must be positive, got '" + s + "'");
        }
        return v;
    }

    /** WFDB base time: [[HH:]MM:]SS[.sss]. */
    private LocalTime time(String s, int line) throws RecordFormatException {
        try {
            String[] p = s.split(":", -1);
            if (p.length > 3) {
                throw new DateTimeException("too many fields");
            }
            double sec = Double.parseDouble(p[p.length - 1]);
            int min = p.length >= 2 ? Integer.parseInt(p[p.length - 2]) : 0;
            int hour = p.length == 3 ? Integer.parseInt(p[0]) : 0;
            if (!(sec >= 0 && sec < 60)) {
                throw new DateTimeException("seconds out of range");
            }
            int whole = (int) sec;
            int nanos = (int) Math.round((sec - whole) * 1e9);
            return LocalTime.of(hour, min, whole, Math.min(nanos, 999_999_999));
        } catch (NumberFormatException | DateTimeException e) {
            throw RecordFormatException.atLine(file, line, "bad base time '" + s + "'");
        }
    }

    /** WFDB base date: DD/MM/YYYY. */
    private LocalDate date(String s, int line) throws RecordFormatException {
        try {
            String[] p = s.split("/", -1);
            if (p.length != 3) {
                throw new DateTimeException("expected DD/MM/YYYY");
            }
            return LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
        } catch (NumberFormatException | DateTimeException e) {
            throw RecordFormatException.atLine(file, line, "bad base date '" + s + "'");
        }
    }
}
