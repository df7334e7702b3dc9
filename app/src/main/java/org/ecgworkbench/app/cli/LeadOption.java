package org.ecgworkbench.app.cli;

import java.util.List;

import org.ecgworkbench.engine.qrs.PanTompkins;
import org.ecgworkbench.engine.record.Record;
import picocli.CommandLine.Option;

/** The --channel option of the commands that detect QRS complexes, and the lead it picks in each record. */
public final class LeadOption {

    @Option(names = "--channel", paramLabel = "N",
            description = "Lead to detect on, 0-based (default: the lead named MLII, else 0).")
    Integer channel;

    /** The lead given, or null when each record's default lead is to be used. */
    Integer channel() {
        return channel;
    }

    /** The lead of each record: the one given, else each record's default (MLII when it has one). */
    int[] leads(List<Record> records) {
        return records.stream().mapToInt(r -> channel != null ? channel : PanTompkins.defaultLead(r)).toArray();
    }
}
