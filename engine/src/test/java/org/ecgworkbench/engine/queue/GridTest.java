package org.ecgworkbench.engine.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Grid axes, their cartesian product, list values and syntax errors. */
class GridTest {

    @Test
    void expandsTheCartesianProductFirstAxisSlowest() throws Exception {
        Grid g = Grid.parse(List.of("optimizer.learning_rate=1e-3,3e-4", "dropout=0,0.1,0.2"));
        assertEquals(6, g.size());
        List<List<Setting>> p = g.points();
        assertEquals(6, p.size());
        assertEquals(List.of(new Setting("optimizer.learning_rate", "1e-3"), new Setting("dropout", "0")), p.get(0));
        assertEquals(List.of(new Setting("optimizer.learning_rate", "1e-3"), new Setting("dropout", "0.1")), p.get(1));
        assertEquals(List.of(new Setting("optimizer.learning_rate", "3e-4"), new Setting("dropout", "0.2")), p.get(5));
    }

    @Test
    void noAxesIsOnePointWithoutSettings() throws Exception {
        assertEquals(List.of(List.of()), Grid.parse(List.of()).points());
    }

    @Test
    void keepsCommasInsideBracketsAndQuotes() throws Exception {
        List<List<Setting>> p = Grid.parse(List.of("filters=[8,16],[16,32]", "name=\"a,b\",c")).points();
        assertEquals(4, p.size());
        assertEquals("[8,16]", p.get(0).get(0).value());
        assertEquals("\"a,b\"", p.get(0).get(1).value());
        assertEquals("[16,32]", p.get(3).get(0).value());
        assertEquals("c", p.get(3).get(1).value());
    }

    @Test
    void refusesBadSyntaxNamingTheAxis() {
        for (String bad : new String[] {"dropout", "=1,2", "dropout=1,,2", "dropout=1,", "filters=[8,16", "a=]1"}) {
            QueueException e = assertThrows(QueueException.class, () -> Grid.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--grid"), e.getMessage());
        }
        QueueException twice = assertThrows(QueueException.class, () -> Grid.parse(List.of("a=1", "a=2")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void settingsParseKeyValue() throws Exception {
        assertEquals(new Setting("optimizer.name", "sgd"), Setting.parse("optimizer.name=sgd", "--set"));
        assertEquals(new Setting("a", "b=c"), Setting.parse("a=b=c", "--set"));
        QueueException e = assertThrows(QueueException.class, () -> Setting.parse("novalue", "--set"));
        assertEquals("--set wants KEY=VALUE, got \"novalue\"", e.getMessage());
    }
}
