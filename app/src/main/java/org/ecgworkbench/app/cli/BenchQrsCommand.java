package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.qrs.QrsDetection;
import org.ecgworkbench.engine.qrs.RecordScore;
import org.ecgworkbench.engine.qrs.ReferenceBeats;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bench qrs: Pan-Tompkins over every record of a folder in one batch; speed as multiples of real time, and bxb scores. */
@Command(name = "qrs", description = "Pan-Tompkins over all records of the MIT-BIH folder in one process: seconds of ECG "
        + "per wall second, and the gross bxb scores.")
public final class BenchQrsCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of WFDB records with .atr files (default: ../shared/data/mitdb beside the project).")
    Path data;

    @Mixin
    LeadOption lead;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed runs after one warm-up; the best is reported.")
    int repeat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = data != null ? data : defaultDir();
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println("error: " + dir + ": no such folder (give --data DIR)");
            return 1;
        }
        List<Path> heads;
        try (Stream<Path> s = Files.list(dir)) {
            heads = s.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
        long t0 = System.nanoTime();
        List<Record> recs = new ArrayList<>();
        for (Path h : heads) {
            recs.add(Records.read(h));
        }
        double readS = (System.nanoTime() - t0) / 1e9;
        double ecgSeconds = recs.stream().mapToDouble(Record::durationSeconds).sum();
        o.printf(Locale.ROOT, "%d records, %.0f s of ECG (%.2f h), read in %.2f s; %d cores%n", recs.size(), ecgSeconds,
                ecgSeconds / 3600, readS, Runtime.getRuntime().availableProcessors());
        int[] leads = lead.leads(recs);
        List<QrsDetection> found = PanTompkins.detect(recs, leads);   // warm-up: JIT and native libraries
        double best = Double.MAX_VALUE;
        for (int k = 0; k < Math.max(1, repeat); k++) {
            long t = System.nanoTime();
            found = PanTompkins.detect(recs, leads);
            double s = (System.nanoTime() - t) / 1e9;
            best = Math.min(best, s);
            o.printf(Locale.ROOT, "run %d: %.3f s, %.0fx real time%n", k + 1, s, ecgSeconds / s);
        }
        o.printf(Locale.ROOT, "detection: best %.3f s for %.0f s of ECG = %.0fx real time (target >= 1000x)%n", best,
                ecgSeconds, ecgSeconds / best);
        List<RecordScore> scores = new ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            Record r = recs.get(i);
            Path base = heads.get(i).resolveSibling(r.name());
            if (!Files.isRegularFile(base.resolveSibling(r.name() + ".atr"))) {
                continue;
            }
            ReferenceBeats ref = ReferenceBeats.of(Records.readAnnotations(base, "atr"));
            long[] det = java.util.Arrays.stream(found.get(i).rPeaks()).asLongStream().toArray();
            scores.add(RecordScore.of(r.name(), ref, det, r.samplingFrequency(), 0.15));
        }
        if (!scores.isEmpty()) {
            ScoreTable.print(scores, false, false, o);
            ScoreTable.print(scores, true, false, o);
        }
        o.flush();
        return 0;
    }

    /** ../shared/data/mitdb beside the project: from the ecg.shared.data property, or found from the working folder. */
    static Path defaultDir() {
        String prop = System.getProperty("ecg.shared.data");
        if (prop != null) {
            return Path.of(prop, "mitdb");
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data").resolve("mitdb");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return here.resolveSibling("shared").resolve("data").resolve("mitdb");
    }
}
