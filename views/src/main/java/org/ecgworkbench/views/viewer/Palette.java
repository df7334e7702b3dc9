package org.ecgworkbench.views.viewer;

import java.util.Map;

import javafx.scene.paint.Color;
import org.ecgworkbench.views.common.WorkbenchPreferences.Theme;

/** Colours of the viewer for one theme: ECG paper (pink and red grid) when light, a subdued grid when dark. */
record Palette(Color paper, Color minor, Color major, Color trace, Color text, Color muted, Color labelBack,
               Color[] stage, Color filtered, Color rPeak, Color threshold, Color noiseThreshold, Color hr,
               Color window, Color ectopic, Color supra, Color other) {

    private static final Map<String, Color> RHYTHMS = Map.ofEntries(
            Map.entry("N", Color.web("#4caf50")), Map.entry("AFIB", Color.web("#ff9800")),
            Map.entry("AFL", Color.web("#9c27b0")), Map.entry("B", Color.web("#2196f3")),
            Map.entry("T", Color.web("#00bcd4")), Map.entry("VT", Color.web("#f44336")),
            Map.entry("SVTA", Color.web("#e91e63")), Map.entry("IVR", Color.web("#795548")),
            Map.entry("AB", Color.web("#ffc107")), Map.entry("P", Color.web("#607d8b")),
            Map.entry("PREX", Color.web("#3f51b5")), Map.entry("NOD", Color.web("#8bc34a")),
            Map.entry("VFL", Color.web("#b71c1c")), Map.entry("BII", Color.web("#009688")),
            Map.entry("SBR", Color.web("#cddc39")));

    /** The palette of a theme. */
    static Palette of(Theme theme) {
        if (theme == Theme.DARK) {
            return new Palette(Color.web("#16181c"), Color.web("#23272e"), Color.web("#343a44"), Color.web("#e8eaed"),
                    Color.web("#e8eaed"), Color.web("#9aa0a6"), Color.web("#16181ccc"),
                    new Color[] {Color.web("#64b5f6"), Color.web("#81c784"), Color.web("#ce93d8"), Color.web("#ffb74d")},
                    Color.web("#4dd0e1"), Color.web("#ff5252"), Color.web("#ff8a80"), Color.web("#b0bec5"),
                    Color.web("#f48fb1"), Color.web("#8ab4f8"), Color.web("#ff6e6e"), Color.web("#82b1ff"),
                    Color.web("#ffcc80"));
        }
        return new Palette(Color.web("#fffafa"), Color.web("#f7d4d4"), Color.web("#eba3a3"), Color.web("#111111"),
                Color.web("#202124"), Color.web("#5f6368"), Color.web("#ffffffd9"),
                new Color[] {Color.web("#1565c0"), Color.web("#2e7d32"), Color.web("#6a1b9a"), Color.web("#e65100")},
                Color.web("#00838f"), Color.web("#d50000"), Color.web("#c62828"), Color.web("#455a64"),
                Color.web("#ad1457"), Color.web("#1a73e8"), Color.web("#d50000"), Color.web("#1565c0"),
                Color.web("#8d6e63"));
    }

    /** Colour of a rhythm band by the rhythm's name; unknown rhythms get a stable colour from the name. */
    static Color rhythm(String name) {
        Color c = RHYTHMS.get(name);
        if (c != null) {
            return c;
        }
        return Color.hsb(Math.floorMod(name.hashCode(), 360), 0.55, 0.85);
    }

    /** Colour of a beat annotation symbol: ventricular red, supraventricular blue, other beats brown. */
    Color beat(String symbol) {
        return switch (symbol) {
            case "N", "L", "R", "e", "j" -> text;
            case "V", "E", "!", "F" -> ectopic;
            case "A", "a", "J", "S" -> supra;
            default -> other;
        };
    }
}
