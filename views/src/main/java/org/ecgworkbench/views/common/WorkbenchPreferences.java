package org.ecgworkbench.views.common;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The user's settings (units, ECG grid, theme, recent files), as JavaFX properties the views bind to, stored with
 * {@link java.util.prefs.Preferences} so they outlive the application.
 */
public final class WorkbenchPreferences {

    /** Amplitude units of the signal viewer. */
    public enum Units {
        /** Physical units (millivolts for ECG leads). */
        MV,
        /** Raw ADC units, where the record has them. */
        ADU
    }

    /** Colour theme. */
    public enum Theme {
        /** Light background; ECG-paper look. */
        LIGHT,
        /** Dark background; for projectors in dim rooms. */
        DARK
    }

    /** How many recent files are remembered. */
    public static final int RECENT_LIMIT = 10;

    private final Preferences store;
    private final ObjectProperty<Units> units = new SimpleObjectProperty<>(this, "units", Units.MV);
    private final BooleanProperty grid = new SimpleBooleanProperty(this, "grid", true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final DoubleProperty csvFrequency = new SimpleDoubleProperty(this, "csvFrequency", Double.NaN);

    /** Preferences kept under the given node (tests pass a throw-away node; the app its own). */
    public WorkbenchPreferences(Preferences store) {
        this.store = store;
        units.set(parse(Units.class, store.get("units", Units.MV.name()), Units.MV));
        grid.set(store.getBoolean("grid", true));
        theme.set(parse(Theme.class, store.get("theme", Theme.LIGHT.name()), Theme.LIGHT));
        String r = store.get("recent", "");
        if (!r.isEmpty()) {
            recent.setAll(List.of(r.split("\n")));
        }
        csvFrequency.set(store.getDouble("csvFrequency", Double.NaN));
        csvFrequency.addListener((o, a, b) -> store.putDouble("csvFrequency", b.doubleValue()));
        units.addListener((o, a, b) -> store.put("units", b.name()));
        grid.addListener((o, a, b) -> store.putBoolean("grid", b));
        theme.addListener((o, a, b) -> store.put("theme", b.name()));
        recent.addListener((javafx.collections.ListChangeListener<String>) c -> store.put("recent",
                String.join("\n", recent)));
    }

    /** The application's own preferences node. */
    public static WorkbenchPreferences user() {
        return new WorkbenchPreferences(Preferences.userRoot().node("org/ecgworkbench/workbench"));
    }

    /** Amplitude units shown by the viewer. */
    public ObjectProperty<Units> unitsProperty() {
        return units;
    }

    /** Whether the ECG paper grid is drawn. */
    public BooleanProperty gridProperty() {
        return grid;
    }

    /** Colour theme. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Sampling frequency in Hz assumed for CSV recordings (they carry none); NaN when not set. */
    public DoubleProperty csvFrequencyProperty() {
        return csvFrequency;
    }

    /** The CSV sampling frequency in Hz, NaN when not set. */
    public double csvFrequency() {
        return csvFrequency.get();
    }

    /** Recently opened files and folders, newest first (absolute paths). */
    public ObservableList<String> recent() {
        return recent;
    }

    /** Puts path at the head of the recent list, keeping at most {@link #RECENT_LIMIT}. */
    public void addRecent(String path) {
        List<String> next = new ArrayList<>(recent);
        next.remove(path);
        next.add(0, path);
        while (next.size() > RECENT_LIMIT) {
            next.remove(next.size() - 1);
        }
        recent.setAll(next);
    }

    /** The underlying store (for components that keep a few settings of their own). */
    public Preferences store() {
        return store;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
