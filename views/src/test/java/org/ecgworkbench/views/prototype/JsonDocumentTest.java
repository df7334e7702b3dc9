package org.ecgworkbench.views.prototype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgworkbench.engine.net.Prototype;
import org.junit.jupiter.api.Test;

class JsonDocumentTest {

    @Test
    void fieldTextBecomesTheJsonTheEngineJudges() {
        assertEquals("8", JsonDocument.fromText(" 8 ", JsonDocument.Conversion.SCALAR).toString());
        assertEquals("0.001", JsonDocument.fromText("1e-3", JsonDocument.Conversion.SCALAR).toString());
        // Not a number: passed on as text, so that the engine's message names the field and the rule.
        assertEquals("\"eight\"", JsonDocument.fromText("eight", JsonDocument.Conversion.SCALAR).toString());
        assertEquals("\"8 9\"", JsonDocument.fromText("8 9", JsonDocument.Conversion.SCALAR).toString());
        assertNull(JsonDocument.fromText("", JsonDocument.Conversion.SCALAR));
        assertEquals("[8,5,3]", JsonDocument.fromText("8, 5, 3", JsonDocument.Conversion.SCALAR_OR_LIST).toString());
        assertEquals("7", JsonDocument.fromText("7", JsonDocument.Conversion.SCALAR_OR_LIST).toString());
        assertEquals("[\"A\",\"N\",\"\"]", JsonDocument.fromText("A, N,", JsonDocument.Conversion.STRINGS).toString());
        assertEquals("[]", JsonDocument.fromText("", JsonDocument.Conversion.STRINGS).toString());
        assertEquals("8, 5, 3", JsonDocument.toText(JsonDocument.fromText("8,5,3", JsonDocument.Conversion.NUMBERS)));
    }

    @Test
    void printedTemplatesParseToTheSamePrototype() throws Exception {
        Path templates = Path.of("..", "resources", "prototypes");
        try (var files = Files.list(templates)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = Files.readString(f);
                ObjectNode tree = JsonDocument.parseObject(text).orElseThrow();
                String printed = JsonDocument.print(tree);
                assertEquals(Prototype.parse(text, "x"), Prototype.parse(printed, "x"), f.toString());
                assertEquals(tree, JsonDocument.parseObject(printed).orElseThrow());
                // Long lists wrap; only the free-text description and nested objects may run past 100 columns.
                assertTrue(printed.lines().allMatch(l -> l.length() <= 100 || l.contains("\"description\"")
                        || l.contains("{")), printed);
            }
        }
    }

    @Test
    void nestedPathsAreCreatedAndRemoved() {
        ObjectNode root = JsonDocument.parseObject("{\"optimizer\": {\"name\": \"adam\"}}").orElseThrow();
        JsonDocument.set(root, "optimizer.schedule.type", JsonDocument.fromText("\"step\"",
                JsonDocument.Conversion.SCALAR));
        assertEquals("step", JsonDocument.get(root, "optimizer.schedule.type").asText());
        JsonDocument.set(root, "optimizer.name", null);
        assertNull(JsonDocument.get(root, "optimizer.name"));
        assertNull(JsonDocument.get(root, "input.seconds"));
    }
}
