package org.ecgworkbench.engine.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a single-segment WFDB record: the header and its signal files in formats 16, 80 and 212. */
public final class WfdbReader {

    private WfdbReader() {
    }

    /** Reads the record whose header file is given (e.g. "100.hea"), with physical values in the header's units. */
    public static Record read(Path headerFile) throws RecordFormatException {
        Header h = HeaderParser.parse(headerFile);
        List<String> warnings = new ArrayList<>(h.warnings());
        List<Group> groups = groups(h, warnings);
        long nsamp = h.samples();
        for (Group g : groups) {
            long frames = g.framesAvailable();
            if (nsamp >= 0 && frames < nsamp) {
                throw RecordFormatException.atByte(g.file, g.size,
                        "signal file holds " + frames + " samples per signal but the header says " + nsamp);
            }
        }
        if (nsamp < 0) {
            nsamp = groups.stream().mapToLong(Group::framesAvailable).min().orElse(0);
            if (groups.stream().mapToLong(Group::framesAvailable).distinct().count() > 1) {
                warnings.add("signal files differ in length; read the shortest, " + nsamp + " samples");
            }
        }
        int nsig = h.signals().size();
        if (nsamp > Io.MAX_ARRAY) {
            throw RecordFormatException.of(headerFile, nsamp + " samples per signal is more than can be held");
        }
        Io.checkMemory(headerFile, nsamp * nsig * 12L);
        int[][] adc = new int[nsig][(int) nsamp];
        for (Group g : groups) {
            byte[] bytes = Io.readRange(g.file, g.offset, g.format.bytesFor(nsamp * g.count));
            g.format.decode(bytes, adc, g.first, g.count, (int) nsamp);
        }
        return RecordAssembler.assemble(h, adc, warnings);
    }

    /** Consecutive signals stored interleaved in one file. */
    private record Group(Path file, SignalFormat format, long offset, int first, int count, long size) {
        long framesAvailable() {
            return format.samplesIn(Math.max(0, size - offset)) / count;
        }
    }

    private static List<Group> groups(Header h, List<String> warnings) throws RecordFormatException {
        List<Group> groups = new ArrayList<>();
        List<SignalSpec> sigs = h.signals();
        List<String> seen = new ArrayList<>();
        int i = 0;
        while (i < sigs.size()) {
            SignalSpec s = sigs.get(i);
            SignalFormat format = SignalFormat.of(s.format());
            if (format == null) {
                throw RecordFormatException.atLine(h.file(), s.line(),
                        "signal format " + s.format() + " is not supported (supported: 16, 80, 212)");
            }
            if (s.samplesPerFrame() != 1) {
                throw RecordFormatException.atLine(h.file(), s.line(), "multiple samples per frame are not supported");
            }
            if (s.fileName().equals("-")) {
                throw RecordFormatException.atLine(h.file(), s.line(), "signals on standard input are not supported");
            }
            if (seen.contains(s.fileName())) {
                throw RecordFormatException.atLine(h.file(), s.line(),
                        "signals of file " + s.fileName() + " are not on consecutive lines");
            }
            seen.add(s.fileName());
            int j = i + 1;
            while (j < sigs.size() && sigs.get(j).fileName().equals(s.fileName())) {
                if (sigs.get(j).format() != s.format()) {
                    throw RecordFormatException.atLine(h.file(), sigs.get(j).line(),
                            "signals in one file must share one format");
                }
                j++;
            }
            for (int k = i; k < j; k++) {
                if (sigs.get(k).skew() != 0) {
                    warnings.add("signal " + k + ": skew " + sigs.get(k).skew() + " ignored");
                }
            }
            Path file = Io.sibling(h.file(), s.fileName(), s.line());
            long size = Io.size(file);
            if (s.byteOffset() > size) {
                throw RecordFormatException.atByte(file, size, "byte offset " + s.byteOffset() + " is past the end of the file");
            }
            groups.add(new Group(file, format, s.byteOffset(), i, j - i, size));
            i = j;
        }
        return groups;
    }
}
