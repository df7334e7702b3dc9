package org.ecgworkbench.views.stats;

import java.util.List;
import java.util.function.Consumer;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;

/**
 * An embedded browser on a training-statistics web page (the DL4J training UI), with a small toolbar: reload,
 * the page's address (selectable, to copy), "Open in browser", and a sharing on/off toggle that only reports the
 * user's wish to the application ({@link #setOnSharingChanged}); the application rebinds its server and then
 * calls {@link #setUrl} and {@link #setShared}.
 *
 * <p>Where JavaFX's WebView cannot run (no WebKit on the platform, e.g. headless Monocle), the browser area is a
 * clear message with the address instead, and the toolbar still works.
 */
public final class StatsWebView extends BorderPane {

    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", "");
    private final TextField address = new TextField();
    private final ToggleButton sharing = new ToggleButton("Sharing off");
    private final Label sharedAt = new Label();
    private final Label message = new Label();
    private final WebView web;
    private final StackPane page = new StackPane();
    private Consumer<Boolean> onSharingChanged = b -> { };
    private Consumer<String> onOpenInBrowser = StatsWebView::openWithDesktop;
    private boolean settingShared;

    /** An empty view (no page) with its toolbar; call {@link #setUrl} to show a page. */
    public StatsWebView() {
        getStyleClass().add("stats-web-view");
        getStylesheets().add(StatsWebView.class.getResource("stats.css").toExternalForm());

        Button reload = new Button("Reload");
        reload.setId("stats-reload");
        reload.setTooltip(new Tooltip("Load the page again (the server re-reads the run's statistics)"));
        reload.setOnAction(e -> reload());

        address.setId("stats-url");
        address.setEditable(false);
        address.getStyleClass().add("stats-url");
        address.textProperty().bind(url);
        HBox.setHgrow(address, Priority.ALWAYS);

        Button open = new Button("Open in browser");
        open.setId("stats-open-browser");
        open.disableProperty().bind(url.isEmpty());
        open.setOnAction(e -> onOpenInBrowser.accept(url.get()));

        sharing.setId("stats-sharing");
        sharing.getStyleClass().add("stats-sharing");
        sharing.setTooltip(new Tooltip("On: other computers on the network can open these pages (for a group "
                + "meeting). Off: only this computer can."));
        sharing.selectedProperty().addListener((o, was, on) -> {
            sharing.setText(on ? "Sharing on" : "Sharing off");
            if (!settingShared) {
                onSharingChanged.accept(on);
            }
        });

        HBox toolbar = new HBox(8, reload, address, open, sharing);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("stats-toolbar");

        sharedAt.setId("stats-shared-at");
        sharedAt.getStyleClass().add("stats-shared-at");
        sharedAt.managedProperty().bind(sharedAt.visibleProperty());
        sharedAt.setVisible(false);
        setTop(new VBox(toolbar, sharedAt));

        message.setId("stats-message");
        message.getStyleClass().add("stats-message");
        message.setWrapText(true);
        message.setMaxWidth(640);
        page.setId("stats-page");
        page.getStyleClass().add("stats-page");
        web = createWebView();
        if (web != null) {
            web.setId("stats-web");
            page.getChildren().add(web);
            web.getEngine().getLoadWorker().stateProperty().addListener((o, was, state) -> showLoadState(state));
        }
        page.getChildren().add(message);
        showMessage(web == null ? unavailableText() : "No run selected.");
        setCenter(page);
    }

    /** Shows the page at url (an http address; empty: no page). */
    public void setUrl(String url) {
        this.url.set(url == null ? "" : url);
        if (this.url.get().isEmpty()) {
            if (web != null) {
                web.getEngine().load(null);
            }
            showMessage(web == null ? unavailableText() : "No run selected.");
        } else if (web != null) {
            web.getEngine().load(this.url.get());
        } else {
            showMessage(unavailableText());
        }
    }

    /** The shown page's address ("" when none). */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** Loads the shown page again. */
    public void reload() {
        if (web != null && !url.get().isEmpty()) {
            web.getEngine().reload();
        }
    }

    /**
     * Sets the sharing toggle to the server's actual state without calling the sharing callback, and lists the
     * addresses others can use while shared (empty: none shown).
     */
    public void setShared(boolean shared, List<String> sharedAddresses) {
        settingShared = true;
        try {
            sharing.setSelected(shared);
        } finally {
            settingShared = false;
        }
        boolean show = shared && !sharedAddresses.isEmpty();
        sharedAt.setVisible(show);
        sharedAt.setText(show ? "Shared on the network at " + String.join("   ", sharedAddresses) : "");
    }

    /** Whether the sharing toggle is on. */
    public boolean isShared() {
        return sharing.isSelected();
    }

    /** Called with the wanted state when the user flips the sharing toggle (on the JavaFX thread). */
    public void setOnSharingChanged(Consumer<Boolean> handler) {
        onSharingChanged = handler == null ? b -> { } : handler;
    }

    /** Called with the address when the user asks to open the page in the system browser. */
    public void setOnOpenInBrowser(Consumer<String> handler) {
        onOpenInBrowser = handler == null ? StatsWebView::openWithDesktop : handler;
    }

    /** Whether an embedded browser is shown (false where WebView cannot run). */
    public boolean isBrowserAvailable() {
        return web != null;
    }

    /** The embedded browser's engine, or null where WebView cannot run. */
    public WebEngine engine() {
        return web == null ? null : web.getEngine();
    }

    /** The text shown instead of (or over) the page; empty while a page is shown. */
    public String messageText() {
        return message.isVisible() ? message.getText() : "";
    }

    private void showLoadState(Worker.State state) {
        switch (state) {
            case SUCCEEDED -> hideMessage();
            case FAILED -> showMessage("Cannot load " + url.get() + ". The statistics server may have stopped; "
                    + "press Reload to try again.");
            case RUNNING, SCHEDULED -> {
                // A reload keeps the old page on screen until the new one is drawn; only a first load says so.
                if (!url.get().isEmpty() && !web.isVisible()) {
                    showMessage("Loading " + url.get() + " …");
                }
            }
            default -> { }
        }
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(true);
        if (web != null) {
            web.setVisible(false);
        }
    }

    private void hideMessage() {
        message.setVisible(false);
        if (web != null) {
            web.setVisible(true);
        }
    }

    private String unavailableText() {
        String where = url.get().isEmpty() ? "" : " Open " + url.get() + " in a web browser instead.";
        return "The embedded browser is not available on this system (JavaFX WebView could not start), so the "
                + "training statistics cannot be shown here." + where;
    }

    /**
     * A WebView, or null where the platform has no web support (WebKit did not load) or the system property
     * {@code ecg.stats.noWebView} is true (to show, and test, the fallback anywhere).
     */
    private static WebView createWebView() {
        if (!Platform.isSupported(ConditionalFeature.WEB) || Boolean.getBoolean("ecg.stats.noWebView")) {
            return null;
        }
        try {
            WebView w = new WebView();
            w.setMinSize(Region.USE_PREF_SIZE, 0);
            w.setContextMenuEnabled(false);
            return w;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Default "open in browser": the desktop's browser where AWT offers one. */
    private static void openWithDesktop(String address) {
        if (address == null || address.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                if (java.awt.Desktop.isDesktopSupported()
                        && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                    java.awt.Desktop.getDesktop().browse(java.net.URI.create(address));
                }
            } catch (Exception | LinkageError e) {
                // no desktop browser: the address is selectable in the toolbar
            }
        }, "open-browser");
        t.setDaemon(true);
        t.start();
    }
}
