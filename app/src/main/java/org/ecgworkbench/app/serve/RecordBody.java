package org.ecgworkbench.app.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.ecgworkbench.engine.record.CsvReader;
import org.ecgworkbench.engine.record.MatReader;
import org.ecgworkbench.engine.record.Record;
import org.ecgworkbench.engine.record.RecordFormatException;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.InvalidInputException;

/**
 * The recording in a classify request's body, in one of three formats:
 * <ul>
 *   <li>{@code ?format=cinc-mat}: the bytes of a CinC 2017 MATLAB v4 .mat (int16 vector {@code val}), at 300 Hz and
 *       1000 adu/mV unless {@code fs} and {@code gain} are given;</li>
 *   <li>{@code ?format=csv&fs=FS}: CSV, one column per lead in mV, an optional header row;</li>
 *   <li>{@code ?format=json}, or no format and {@code Content-Type: application/json}:
 *       {@code {"fs": HZ, "gain": ADU_PER_MV, "samples": [...] or [[lead 0...], [lead 1...]]}}; without gain the
 *       samples are mV.</li>
 * </ul>
 * Anything else, and anything malformed, is a 400 naming the reason.
 */
final class RecordBody {

    /** Accepted formats, as the error message lists them. */
    static final String FORMATS = "?format=cinc-mat (CinC 2017 .mat bytes), ?format=csv&fs=FS, or a JSON body"
            + " {\"fs\":…, \"samples\":[…]} with Content-Type: application/json";

    private static final Set<String> JSON_FIELDS = Set.of("fs", "gain", "samples");

    // NaN and Infinity literals are read so that the answer can say which sample is NaN, not just "bad JSON".
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private RecordBody() {
    }

    /** The recording in body, by the query's format or else the content type. */
    static Record decode(Query query, String contentType, byte[] body) throws HttpError, InvalidInputException {
        String format = query.get("format");
        if (format == null && contentType != null
                && contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            format = "json";
        }
        if (format == null) {
            throw HttpError.badRequest("unknown format: no ?format= and Content-Type is "
                    + (contentType == null ? "absent" : "'" + contentType + "'") + "; send " + FORMATS);
        }
        if (body.length == 0) {
            throw HttpError.badRequest("empty body: the recording goes in the request body");
        }
        try {
            return switch (format) {
                case "cinc-mat" -> MatReader.read("request.mat", body,
                        query.positive("fs", MatReader.CINC2017_FREQUENCY), query.positive("gain", MatReader.CINC2017_GAIN));
                case "csv" -> {
                    if (query.get("fs") == null) {
                        throw HttpError.badRequest("format=csv needs fs=HZ: CSV does not carry its sampling frequency");
                    }
                    yield CsvReader.read("request.csv", body, query.positive("fs", Double.NaN));
                }
                case "json" -> json(body);
                default -> throw HttpError.badRequest("unknown format '" + format + "'; send " + FORMATS);
            };
        } catch (RecordFormatException e) {
            throw HttpError.badRequest(format + ": " + e.getMessage());
        }
    }

    private static Record json(byte[] body) throws HttpError, InvalidInputException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw HttpError.badRequest("bad JSON: " + e.getOriginalMessage() + location(e));
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("bad JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw HttpError.badRequest("bad JSON: the body must be an object {\"fs\":…, \"samples\":[…]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!JSON_FIELDS.contains(f)) {
                throw HttpError.badRequest("unknown field \"" + f + "\" (fields: fs, gain, samples)");
            }
        }
        double fs = positive(root, "fs", true);
        double gain = root.has("gain") ? positive(root, "gain", false) : 1;
        JsonNode s = root.get("samples");
        if (s == null || !s.isArray()) {
            throw HttpError.badRequest("\"samples\" must be an array of numbers, or of arrays of numbers (one per lead)");
        }
        double[][] leads;
        if (!s.isEmpty() && s.get(0).isArray()) {
            leads = new double[s.size()][];
            for (int l = 0; l < leads.length; l++) {
                if (!s.get(l).isArray()) {
                    throw HttpError.badRequest("samples[" + l + "] is not an array (samples holds one array per lead)");
                }
                leads[l] = numbers(s.get(l), "samples[" + l + "]", gain);
            }
        } else {
            leads = new double[][] {numbers(s, "samples", gain)};
        }
        return InferenceService.record("request", fs, leads);
    }

    private static double positive(JsonNode root, String field, boolean required) throws HttpError {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw HttpError.badRequest("\"" + field + "\" missing: the sampling frequency in Hz");
            }
            return 1;
        }
        if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw HttpError.badRequest("\"" + field + "\" must be a positive number, got " + v);
        }
        return v.asDouble();
    }

    private static double[] numbers(JsonNode a, String where, double gain) throws HttpError {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber()) {
                throw HttpError.badRequest(where + "[" + i + "] is not a number: " + abbreviate(v.toString()));
            }
            out[i] = v.asDouble() / gain;
        }
        return out;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
