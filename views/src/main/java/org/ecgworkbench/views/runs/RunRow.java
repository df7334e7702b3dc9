package org.ecgworkbench.views.runs;

/**
 * One run as a row of the run queue table.
 *
 * @param id          queue id (e.g. q0007), or the folder name of a run trained outside the queue
 * @param name        the run folder's name
 * @param prototype   the prototype's name
 * @param dataset     the dataset file's name
 * @param status      where it stands
 * @param where       where it runs or ran (executor and slot), or ""
 * @param progress    fraction of the planned epochs done, 0..1 (NaN when unknown)
 * @param epoch       epochs done
 * @param epochs      epochs planned (the maximum; early stopping may end sooner), 0 when unknown
 * @param bestScore   best validation value so far (NaN before the first epoch)
 * @param bestMetric  what bestScore measures (e.g. cinc_score)
 * @param etaSeconds  seconds until the planned epochs are done (NaN when unknown or not running)
 * @param error       why it failed or was interrupted, or ""
 * @param runDir      absolute path of the run folder
 * @param attempts    how many times training was started for it
 * @param resumable   whether it has a checkpoint to resume from
 * @param inQueue     whether the queue holds it (runs trained outside the queue take no queue actions)
 */
public record RunRow(String id, String name, String prototype, String dataset, RunStatus status, String where,
                     double progress, int epoch, int epochs, double bestScore, String bestMetric, double etaSeconds,
                     String error, String runDir, int attempts, boolean resumable, boolean inQueue) {

    /** "3 / 14", or "3" when the plan is unknown. */
    public String epochText() {
        return epochs > 0 ? epoch + " / " + epochs : Integer.toString(epoch);
    }
}
