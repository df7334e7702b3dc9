package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ecgworkbench.engine.qrs.RecordScore;
import org.ecgworkbench.engine.qrs.ReferenceBeats;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.RecordFormatException;
import org.ecgworkbench.engine.record.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qrs-score: beat-by-beat comparison of DIR/&lt;record&gt;.qrs.csv with the reference annotations, as bxb. */
@Command(name = "qrs-score", description = "Scores detections against reference beat annotations beat by beat (as WFDB's "
        + "bxb): per-record TP, FN, FP, Se, +P and the gross line; paced records (102, 104, 107, 217) apart.")
public final class QrsScoreCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORD", description = "Records with reference annotations (e.g. mitdb/100).")
    List<Path> records = new ArrayList<>();

    @Option(names = "--detections", required = true, paramLabel = "DIR", description = "Folder of <record>.qrs.csv files.")
    Path detections;

    @Option(names = "--tolerance", defaultValue = "0.15", paramLabel = "S", description = "Match window in seconds (default 0.15).")
    double tolerance;

    @Option(names = "--skip-learning", description = "Score only after bxb's 5-minute learning period.")
    boolean skipLearning;

    @Option(names = "--include-paced", description = "Count the paced records in the gross line.")
    boolean includePaced;

    @Option(names = "--annotator", defaultValue = "atr", paramLabel = "EXT", description = "Reference annotation file extension (default atr).")
    String annotator;

    @Mixin
    RecordInput input;

    @Override
    public Integer call() {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            input.error(new IllegalArgumentException("--tolerance must be a finite number of seconds >= 0, got " + tolerance));
            return 2;
        }
        boolean failed = false;
        List<RecordScore> scores = new ArrayList<>();
        for (Path p : records) {
            try {
                Record r = input.read(p);
                ReferenceBeats ref = ReferenceBeats.of(Records.readAnnotations(p, annotator));
                long[] det = readDetections(detections.resolve(r.name() + ".qrs.csv"));
                scores.add(RecordScore.of(r.name(), ref, det, r.samplingFrequency(), tolerance));
            } catch (IOException e) {
                input.error(e);
                failed = true;
            }
        }
        if (!scores.isEmpty()) {
            ScoreTable.print(scores, skipLearning, includePaced, input.out());
        }
        return failed ? 1 : 0;
    }

    /** Reads one 0-based sample index per line (blank lines ignored). */
    static long[] readDetections(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw RecordFormatException.of(file, "no detections file (run qrs --out-dir first)");
        }
        List<String> lines = Files.readAllLines(file);
        long[] out = new long[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out[n] = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw RecordFormatException.atLine(file, i + 1, "not a sample index: '" + s + "'");
            }
            if (out[n] < 0) {
                throw RecordFormatException.atLine(file, i + 1, "negative sample index: " + s);
            }
            n++;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
