package org.ecgworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.ecgworkbench.views.common.BackgroundJobs;
import org.ecgworkbench.views.common.WorkbenchPreferences;
import org.ecgworkbench.views.viewer.SignalViewer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * bench viewer: the signal viewer's scene, 1920×1080, rendered off-screen. Open-to-first-paint runs from reading the
 * record file to the first frame rendered with its traces; each panning frame moves the window, redraws every lane and
 * renders the whole scene into an image (a snapshot, so that a frame is counted only once it is pixels). The scene is
 * not shown in a window, so each frame is rendered once, as a window on a screen renders it; with --shown the stage is
 * also shown on the (virtual) screen and every frame is rendered twice, once by the pulse into the window and once into
 * the image. Without a display the toolkit runs on Monocle's headless platform with the software renderer, which is
 * slower than a GPU pipeline on screen: the numbers are a floor.
 */
@Command(name = "viewer", description = "Signal viewer off-screen at 1920x1080: open-to-first-paint time and frames per"
        + " second while panning a 30-minute two-lead MIT-BIH record, with and without the Pan-Tompkins stages.")
public final class BenchViewerCommand implements Callable<Integer> {

    private static final double TARGET_FPS = 60;
    private static final double TARGET_FIRST_PAINT_S = 1.0;
    /** Untimed frames before each timed run (JIT); -Dbench.viewer.warmup=N changes it. */
    private static final int WARMUP = Integer.getInteger("bench.viewer.warmup", 60);

    @Option(names = "--record", paramLabel = "PATH",
            description = "Record to open (default: mitdb/100 under the ecg.shared.data folder).")
    Path record;

    @Option(names = "--frames", defaultValue = "300", paramLabel = "N",
            description = "Timed frames per configuration, after 60 warm-up frames (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--width", defaultValue = "1920", paramLabel = "PX", description = "Stage width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "1080", paramLabel = "PX", description = "Stage height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--shown",
            description = "Also show the stage on the (virtual) screen, so that every frame is rendered twice: once by the"
                    + " pulse into the window and once into the image.")
    boolean shown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path rec = record != null ? record : BenchQrsCommand.defaultDir().resolve("100");
        Path header = rec.toString().endsWith(".hea") ? rec : rec.resolveSibling(rec.getFileName() + ".hea");
        if (!Files.isRegularFile(header) && !Files.isRegularFile(rec)) {
            err.println("error: " + rec + ": no such record (give --record PATH, e.g. a WFDB record of MIT-BIH; the"
                    + " default is mitdb/100 under the folder named by -Decg.shared.data)");
            return 1;
        }
        String headless = startToolkit(err);
        if (headless == null) {
            return 2;
        }
        Preferences node = Preferences.userRoot().node("org/ecgworkbench/bench-viewer-" + ProcessHandle.current().pid());
        try (BackgroundJobs jobs = new BackgroundJobs(2)) {
            WorkbenchPreferences prefs = new WorkbenchPreferences(node);
            Object[] built = fx(() -> {
                SignalViewer v = new SignalViewer(jobs, prefs);
                Stage stage = new Stage();
                stage.setScene(new Scene(v, width, height));
                if (shown) {
                    stage.show();
                }
                return new Object[] {v, stage};
            });
            SignalViewer viewer = (SignalViewer) built[0];
            Stage stage = (Stage) built[1];
            WritableImage image = new WritableImage(width, height);
            fx(() -> stage.getScene().snapshot(image));

            // open to first paint: read off the FX thread (as the workbench does), prepare, draw, render
            CompletableFuture<Long> painted = new CompletableFuture<>();
            long t0 = System.nanoTime();
            fx(() -> {
                viewer.tracesReadyProperty().addListener((ob, was, ready) -> {
                    if (ready && !painted.isDone()) {
                        stage.getScene().snapshot(image);
                        painted.complete(System.nanoTime());
                    }
                });
                viewer.open(Files.isRegularFile(header) ? header : rec);
                return null;
            });
            double firstPaint = (painted.get(120, TimeUnit.SECONDS) - t0) / 1e9;
            CompletableFuture<Long> staged = new CompletableFuture<>();
            fx(() -> {
                if (viewer.stagesReadyProperty().get()) {
                    staged.complete(System.nanoTime());
                }
                viewer.stagesReadyProperty().addListener((ob, was, ready) -> {
                    if (ready) {
                        staged.complete(System.nanoTime());
                    }
                });
                return null;
            });
            double stagesAt = (staged.get(300, TimeUnit.SECONDS) - t0) / 1e9;
            String about = fx(() -> {
                var r = viewer.record().orElseThrow();
                return String.format(Locale.ROOT, "%s: %d leads x %,d samples at %.0f Hz (%s), %d R peaks",
                        r.name(), r.leadCount(), r.samples(), r.samplingFrequency(),
                        org.ecgworkbench.views.viewer.TimeFormat.clock(r.durationSeconds()),
                        viewer.detection().map(d -> d.rPeaks().length).orElse(0));
            });
            o.printf(Locale.ROOT, "bench viewer: record %s%n", about);
            o.printf(Locale.ROOT, "stage %dx%d, %s; grid %.2f px/mm; %d cores%n", width, height, headless,
                    viewer.pixelsPerMm(), Runtime.getRuntime().availableProcessors());
            o.printf(Locale.ROOT, "open to first paint: %.3f s (read, prepare min/max pyramids, draw, render)%n",
                    firstPaint);
            o.printf(Locale.ROOT, "Pan-Tompkins stages ready: %.3f s after opening (background; the view pans meanwhile)%n",
                    stagesAt);

            o.printf(Locale.ROOT, "%-34s %7s %8s %9s %9s %8s%n", "pan at 25 mm/s (37 px per frame)", "frames", "wall s",
                    "draw ms", "render ms", "fps");
            double leadsFps = pan(viewer, stage, image, "leads only", o);
            fx(() -> {
                for (String id : SignalViewer.STAGES) {
                    ((javafx.scene.control.ToggleButton) viewer.lookup("#stage-" + id)).setSelected(true);
                }
                return null;
            });
            double stagesFps = pan(viewer, stage, image, "leads + 4 stages + R peaks + HR", o);
            fx(() -> {
                viewer.showSeconds(0, viewer.record().orElseThrow().durationSeconds() / 4);
                return null;
            });
            double zoomedFps = pan(viewer, stage, image, "same, zoomed out to 1/4 record", o);
            fx(() -> {
                stage.getScene().setRoot(new javafx.scene.layout.Pane());
                return null;
            });
            // the anchor: the same snapshot of an empty scene of the same size, i.e. what the harness itself costs
            for (int i = 0; i < WARMUP; i++) {
                fx(() -> stage.getScene().snapshot(image));
            }
            long b0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                fx(() -> stage.getScene().snapshot(image));
            }
            double emptyFps = frames / ((System.nanoTime() - b0) / 1e9);
            o.printf(Locale.ROOT, "%-34s %7d %8.2f %9s %9.2f %8.0f%n", "anchor: empty scene, snapshot only", frames,
                    frames / emptyFps, "-", 1000 / emptyFps, emptyFps);
            fx(() -> {
                stage.close();
                return null;
            });

            double worst = Math.min(leadsFps, Math.min(stagesFps, zoomedFps));
            o.println("targets:");
            o.printf(Locale.ROOT, "  panning >= %.0f fps: %.0f fps at worst, %s (this harness renders an empty scene"
                    + " at %.0f fps; the viewer's own drawing alone runs at %.0f fps at worst)%n", TARGET_FPS, worst,
                    worst >= TARGET_FPS ? "met" : "NOT met", emptyFps, 1000 / worstDrawMs);
            o.printf(Locale.ROOT, "  open to first paint <= %.0f s: %.3f s, %s%n", TARGET_FIRST_PAINT_S, firstPaint,
                    firstPaint <= TARGET_FIRST_PAINT_S ? "met" : "NOT met");
            o.flush();
            return 0;
        } finally {
            node.removeNode();
            if (startedToolkit) {
                Platform.exit();
            }
        }
    }

    private double worstDrawMs;
    private boolean startedToolkit;

    /** Pans back and forth for the warm-up and timed frames; prints one row and returns frames per second. */
    private double pan(SignalViewer viewer, Stage stage, WritableImage image, String what, PrintWriter o)
            throws Exception {
        double[] dx = {37};
        Runnable frame = () -> {
            double before = viewer.windowStartSeconds();
            viewer.panPixels(dx[0]);
            if (viewer.windowStartSeconds() == before) {
                dx[0] = -dx[0];
                viewer.panPixels(dx[0]);
            }
        };
        for (int i = 0; i < WARMUP; i++) {
            fx(() -> {
                frame.run();
                stage.getScene().snapshot(image);
                return null;
            });
        }
        long draw = 0;
        long render = 0;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            long[] t = fx(() -> {
                long a = System.nanoTime();
                frame.run();
                long b = System.nanoTime();
                stage.getScene().snapshot(image);
                return new long[] {b - a, System.nanoTime() - b};
            });
            draw += t[0];
            render += t[1];
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double fps = frames / wall;
        worstDrawMs = Math.max(worstDrawMs, draw / 1e6 / frames);
        o.printf(Locale.ROOT, "%-34s %7d %8.2f %9.2f %9.2f %8.0f%n", what, frames, wall, draw / 1e6 / frames,
                render / 1e6 / frames, fps);
        o.flush();
        return fps;
    }

    /**
     * Starts JavaFX; without a display, on Monocle's headless platform with the software renderer and a screen as large
     * as the stage. Returns a description of the platform, or null (after saying why) when it cannot start.
     */
    private String startToolkit(PrintWriter err) {
        String desc = "on screen";
        String display = System.getenv("DISPLAY");
        boolean noDisplay = (display == null || display.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null;
        if (noDisplay && System.getProperty("glass.platform") == null) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
            } catch (ClassNotFoundException e) {
                err.println("error: no display (DISPLAY is unset) and no Monocle on the class path for headless"
                        + " rendering; run with a display, or put org.testfx:openjfx-monocle on the class path");
                return null;
            }
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        if ("Monocle".equals(System.getProperty("glass.platform"))) {
            // Monocle's headless screen is 1280x800 unless told otherwise; the stage must fit on it
            System.setProperty("headless.geometry", Math.max(1280, width) + "x" + Math.max(800, height) + "-32");
            desc = "Monocle headless, " + System.getProperty("prism.order", "default") + " renderer";
        }
        try {
            CompletableFuture<Void> up = new CompletableFuture<>();
            Platform.startup(() -> up.complete(null));
            up.get(60, TimeUnit.SECONDS);
            startedToolkit = true;
        } catch (IllegalStateException alreadyRunning) {
            // started by the caller (tests); fine
        } catch (Exception | LinkageError e) {
            err.println("error: cannot start JavaFX: " + e);
            return null;
        }
        return desc;
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }
}
