package org.ecgworkbench.views.prototype;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Duration;
import org.ecgworkbench.engine.net.ModelSummary;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.ecgworkbench.views.common.BackgroundJobs;

/**
 * Builds the layer summary of the latest prototype in the background: requests are debounced (typing "128" asks
 * three times), at most one build runs, and only the result for the latest request is delivered, so a slow stale
 * build never overwrites a newer one. Use from the JavaFX thread.
 */
final class SummaryUpdater {

    /** Quiet time after the last edit before a build starts. */
    static final Duration DEBOUNCE = Duration.millis(300);

    private final BackgroundJobs jobs;
    private final Function<Prototype, ModelSummary> build;
    private final BiConsumer<Prototype, ModelSummary> onResult;
    private final BiConsumer<Prototype, Throwable> onFailure;
    private final PauseTransition quiet = new PauseTransition(DEBOUNCE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private Prototype latest;
    private Prototype shown;
    private boolean running;

    /** Delivers (prototype, summary) or (prototype, failure) on the JavaFX thread for the latest request only. */
    SummaryUpdater(BackgroundJobs jobs, BiConsumer<Prototype, ModelSummary> onResult,
                   BiConsumer<Prototype, Throwable> onFailure) {
        this(jobs, p -> ModelSummary.of(p, NetworkBuilder.DEFAULT_LAYOUT), onResult, onFailure);
    }

    /** As above with another way to build a summary (tests hold a build back to check that stale ones are dropped). */
    SummaryUpdater(BackgroundJobs jobs, Function<Prototype, ModelSummary> build,
                   BiConsumer<Prototype, ModelSummary> onResult, BiConsumer<Prototype, Throwable> onFailure) {
        this.jobs = jobs;
        this.build = build;
        this.onResult = onResult;
        this.onFailure = onFailure;
        quiet.setOnFinished(e -> startIfIdle());
    }

    /** Whether a summary is pending or being built. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Asks for the summary of p; fields that do not change the network (epochs, seed, name) do not rebuild it. */
    void request(Prototype p) {
        latest = networkOf(p);
        if (latest.equals(shown) && !running) {
            quiet.stop();
            busy.set(false);
            return;
        }
        busy.set(true);
        quiet.playFromStart();
    }

    /** Forgets what was shown (a new document): the next request is built and delivered even if unchanged. */
    void reset() {
        quiet.stop();
        latest = null;
        shown = null;
        busy.set(running);
    }

    private void startIfIdle() {
        if (running) {
            return;
        }
        Prototype p = latest;
        if (p == null || p.equals(shown)) {
            busy.set(quiet.getStatus() == javafx.animation.Animation.Status.RUNNING);
            return;
        }
        running = true;
        Consumer<Object> finish = result -> {
            running = false;
            if (p.equals(latest)) {
                shown = p;
                busy.set(false);
                if (result instanceof ModelSummary s) {
                    onResult.accept(p, s);
                } else {
                    onFailure.accept(p, (Throwable) result);
                }
            } else {
                startIfIdle();
            }
        };
        jobs.submit("Summarising " + p.family().json() + " (" + p.blocks() + " blocks)",
                progress -> build.apply(p), finish::accept, finish::accept);
    }

    /** The prototype with the fields that do not change the built network set to fixed values. */
    static Prototype networkOf(Prototype p) {
        return new Prototype("", p.family(), p.blocks(), p.filters(), null, p.kernelSizes(), p.stemStride(),
                p.reduction(), p.pooling(), p.dropout(), p.batchNorm(), p.input(), p.features(),
                p.suggestions() == null ? null : new Prototype.Suggestions("-"), p.headUnits(), p.classes(),
                p.optimizer(), 1, 1, null, p.classWeights(), null, 0, 0);
    }
}
