package org.ecgworkbench.engine.serve;

/**
 * How the service stands.
 *
 * @param uptimeSeconds  seconds since the service was created
 * @param classified     recordings classified
 * @param refused        recordings refused as invalid input
 * @param failed         classifications that failed inside the model (a bug, not the input)
 * @param model          id of the model answering now
 * @param reloads        reloads completed
 * @param reloading      whether a reload is loading a model now
 * @param lastReloadError the reason the last reload failed (the old model stayed), or null
 */
public record Health(double uptimeSeconds, long classified, long refused, long failed, String model, long reloads,
                     boolean reloading, String lastReloadError) {
}
