package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.ecgworkbench.engine.dataset.DatasetPacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * pack: a folder of recordings plus labels, or recordings cut into rhythm-labelled windows, into one HDF5 dataset
 * file (layout in docs/dataset.md).
 */
@Command(name = "pack", description = "Packs a folder of recordings (WFDB .hea, CinC .mat, or CSV with --fs) into "
        + "one HDF5 file: one lead as float32 mV with offsets, labels, item names, source records and their SHA-256, "
        + "features and a seeded train/test split. Items are whole records labelled by --labels (stratified split), "
        + "or with --rhythm non-overlapping windows of --window-seconds lying inside one rhythm episode of each "
        + "record's annotation file, labelled with the rhythm (split by source record: no record on both sides). "
        + "Unreadable or unlabelled records are reported and left out.")
public final class PackCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of recordings.")
    Path input;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels file of 'name,label' lines "
            + "(default: REFERENCE.csv in the input folder). Not with --rhythm.")
    Path labels;

    @Option(names = "--rhythm", description = "Cut each record into windows labelled by its rhythm annotations "
            + "('+' with aux '(N', '(AFIB', ...) instead of reading labels.")
    boolean rhythm;

    @Option(names = "--window-seconds", paramLabel = "S", description = "With --rhythm: window length in seconds, "
            + "> 0 (default 10).")
    Double windowSeconds;

    @Option(names = "--annotator", paramLabel = "EXT", description = "With --rhythm: extension of the annotation "
            + "files to read (default atr: NAME.atr).")
    String annotator;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "HDF5 file to write "
            + "(replaced atomically).")
    Path out;

    @Option(names = "--fs", paramLabel = "HZ", description = "Sampling frequency in Hz of CSV recordings.")
    Double fs;

    @Option(names = "--lead", defaultValue = "0", paramLabel = "N", description = "Lead to keep, 0-based (default 0).")
    int lead;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the split (default 42).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of every class in the test set (default 0.2); with --rhythm, whole source "
                    + "records go to one side, chosen so that every class's share comes near it.")
    double testFraction;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Progress progress = new Progress(err);
        DatasetPacker packer;
        try {
            packer = new DatasetPacker().labels(labels).lead(lead).seed(seed).testFraction(testFraction)
                    .csvFs(fs == null ? Double.NaN : fs).command(commandLine(spec))
                    .createdBy(spec.root().version()[0]).progress(progress::update).onSkip(progress::skipped);
            if (rhythm) {
                if (labels != null) {
                    throw new IllegalArgumentException("--labels and --rhythm exclude each other: rhythm windows "
                            + "take their labels from the annotations");
                }
                packer.rhythm(annotator == null ? DatasetPacker.DEFAULT_ANNOTATOR : annotator)
                        .windowSeconds(windowSeconds == null ? DatasetPacker.DEFAULT_WINDOW_SECONDS : windowSeconds);
            } else if (windowSeconds != null || annotator != null) {
                throw new IllegalArgumentException("--window-seconds and --annotator apply only with --rhythm");
            }
        } catch (IllegalArgumentException e) {
            return Cli.fail(err, e, 2);
        }
        DatasetPacker.Result r;
        try {
            r = packer.pack(input, out);
        } catch (IOException e) {
            progress.finish();
            return Cli.fail(err, e, 1);
        }
        progress.finish();
        String classes = r.classNames().stream().map(c -> c + " " + count(r, c)).collect(Collectors.joining(", "));
        if (rhythm) {
            outw.printf(Locale.ROOT, "packed %d windows of %s s from %d of %d records into %s (%s), skipped %d, "
                            + "in %.1f s%n", r.items(), Cli.number(windowSeconds == null
                            ? DatasetPacker.DEFAULT_WINDOW_SECONDS : windowSeconds), r.packed(), r.found(), out,
                    classes, r.skipped().size(), progress.seconds());
        } else {
            outw.printf(Locale.ROOT, "packed %d of %d records into %s (%s), skipped %d, in %.1f s%n", r.packed(),
                    r.found(), out, classes, r.skipped().size(), progress.seconds());
        }
        outw.flush();
        return 0;
    }

    private static int count(DatasetPacker.Result r, String c) {
        int[] k = r.classCounts()[r.classNames().indexOf(c)];
        return k[0] + k[1];
    }

    /** The command line as typed: program name and arguments, quoted where needed. */
    static String commandLine(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        StringBuilder sb = new StringBuilder("ecg-workbench");
        for (String a : args) {
            sb.append(' ').append(a.isEmpty() || a.matches(".*[\\s'\"\\\\$`].*")
                    ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

    /** One progress line on stderr, rewritten in place with carriage returns; skip reports go on lines above it. */
    static final class Progress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long last = start;
        private String line = "";

        Progress(PrintWriter err) {
            this.err = err;
        }

        synchronized void update(int done, int total) {
            long now = System.nanoTime();
            if (done < total && now - last < 200_000_000L) {
                return;
            }
            last = now;
            double s = Math.max(1e-9, (now - start) / 1e9);
            double rate = done / s;
            long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
            draw(String.format(Locale.ROOT, "packing %d/%d records, %.0f records/s, ETA %d:%02d", done, total, rate,
                    eta / 60, eta % 60));
        }

        /** Shows a caller's progress text, at most five times a second unless force. */
        synchronized void show(String text, boolean force) {
            long now = System.nanoTime();
            if (!force && now - last < 200_000_000L) {
                return;
            }
            last = now;
            draw(text);
        }

        synchronized void skipped(DatasetPacker.Skipped s) {
            String old = line;
            draw("");
            err.print("\rskipped " + s + "\n");
            draw(old);
        }

        private void draw(String text) {
            StringBuilder sb = new StringBuilder("\r").append(text);
            for (int i = text.length(); i < line.length(); i++) {
                sb.append(' ');
            }
            err.print(sb);
            err.flush();
            line = text;
        }

        synchronized void finish() {
            if (!line.isEmpty()) {
                err.print("\n");
                err.flush();
                line = "";
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
