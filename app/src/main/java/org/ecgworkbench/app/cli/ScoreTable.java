package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ecgworkbench.engine.qrs.BeatScore;
import org.ecgworkbench.engine.qrs.RecordScore;

/** Prints bxb scores as the per-record table and the gross line shared by qrs-score and bench qrs. */
final class ScoreTable {

    private ScoreTable() {
    }

    /**
     * Prints the non-paced records, their gross line, then the paced ones apart (in the gross only when
     * includePaced); returns the gross counts.
     */
    static BeatScore print(List<RecordScore> scores, boolean skipLearning, boolean includePaced, PrintWriter out) {
        List<RecordScore> main = new ArrayList<>();
        List<RecordScore> paced = new ArrayList<>();
        for (RecordScore s : scores) {
            (s.paced() && !includePaced ? paced : main).add(s);
        }
        out.println(skipLearning ? "scored after the 5-minute learning period" : "scored over whole records");
        header(out);
        List<BeatScore> counted = new ArrayList<>();
        for (RecordScore s : main) {
            row(out, s.record() + (s.paced() ? "*" : ""), s.score(skipLearning));
            counted.add(s.score(skipLearning));
        }
        BeatScore gross = BeatScore.gross(counted);
        out.printf(Locale.ROOT, "gross: Se=%s +P=%s (TP=%d FN=%d FP=%d, %d records%s)%n",
                percent(gross.sensitivity()), percent(gross.positivePredictivity()), gross.tp(), gross.fn(), gross.fp(),
                main.size(), includePaced ? ", paced included" : "");
        if (!paced.isEmpty()) {
            out.println("paced records (not in the gross line; --include-paced adds them):");
            header(out);
            List<BeatScore> p = new ArrayList<>();
            for (RecordScore s : paced) {
                row(out, s.record(), s.score(skipLearning));
                p.add(s.score(skipLearning));
            }
            BeatScore g = BeatScore.gross(p);
            out.printf(Locale.ROOT, "paced gross: Se=%s +P=%s (TP=%d FN=%d FP=%d, %d records)%n",
                    percent(g.sensitivity()), percent(g.positivePredictivity()), g.tp(), g.fn(), g.fp(), paced.size());
        }
        out.flush();
        return gross;
    }

    private static void header(PrintWriter out) {
        out.printf(Locale.ROOT, "%-8s %8s %8s %6s %6s %8s %8s%n", "record", "beats", "TP", "FN", "FP", "Se", "+P");
    }

    private static void row(PrintWriter out, String name, BeatScore b) {
        out.printf(Locale.ROOT, "%-8s %8d %8d %6d %6d %8s %8s%n", name, b.referenceBeats(), b.tp(), b.fn(), b.fp(),
                percent(b.sensitivity()), percent(b.positivePredictivity()));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
