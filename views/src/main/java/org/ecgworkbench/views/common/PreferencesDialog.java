package org.ecgworkbench.views.common;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Edits the user's preferences: amplitude units, ECG grid, theme, and the sampling frequency assumed for CSV files. */
public final class PreferencesDialog extends Dialog<ButtonType> {

    /** A dialog over owner editing prefs; changes apply when the user presses OK. */
    public PreferencesDialog(Window owner, WorkbenchPreferences prefs) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText("Workbench preferences");
        ChoiceBox<WorkbenchPreferences.Units> units = new ChoiceBox<>();
        units.getItems().setAll(WorkbenchPreferences.Units.values());
        units.setValue(prefs.unitsProperty().get());
        units.setId("pref-units");
        CheckBox grid = new CheckBox("Draw the ECG paper grid (25 mm/s, 10 mm/mV)");
        grid.setSelected(prefs.gridProperty().get());
        grid.setId("pref-grid");
        ChoiceBox<WorkbenchPreferences.Theme> theme = new ChoiceBox<>();
        theme.getItems().setAll(WorkbenchPreferences.Theme.values());
        theme.setValue(prefs.themeProperty().get());
        theme.setId("pref-theme");
        TextField csvFs = new TextField(Double.isNaN(prefs.csvFrequency()) ? "" : fmt(prefs.csvFrequency()));
        csvFs.setPromptText("Hz, e.g. 360");
        csvFs.setId("pref-csv-fs");
        Label csvError = new Label();
        csvError.getStyleClass().add("validation-error");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(10);
        g.setPadding(new Insets(16));
        g.addRow(0, new Label("Amplitude units"), units);
        g.addRow(1, new Label("Grid"), grid);
        g.addRow(2, new Label("Theme"), theme);
        g.addRow(3, new Label("CSV sampling frequency"), csvFs);
        g.add(csvError, 1, 4);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        csvFs.textProperty().addListener((o, a, b) -> {
            String why = csvError(b);
            csvError.setText(why);
            ok.setDisable(!why.isEmpty());
        });
        setResultConverter(bt -> {
            if (bt == ButtonType.OK) {
                prefs.unitsProperty().set(units.getValue());
                prefs.gridProperty().set(grid.isSelected());
                prefs.themeProperty().set(theme.getValue());
                String t = csvFs.getText().trim();
                prefs.csvFrequencyProperty().set(t.isEmpty() ? Double.NaN : Double.parseDouble(t));
            }
            return bt;
        });
    }

    /** Why text is not a sampling frequency in Hz, or "" when it is one (or empty: none set). */
    static String csvError(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "";
        }
        try {
            double v = Double.parseDouble(t);
            return v > 0 && v <= 100_000 ? "" : "must be between 0 and 100,000 Hz";
        } catch (NumberFormatException e) {
            return "not a number of Hz";
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
