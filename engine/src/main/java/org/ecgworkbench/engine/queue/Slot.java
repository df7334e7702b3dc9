package org.ecgworkbench.engine.queue;

/**
 * A place one run executes at a time, with the device share reserved for it.
 *
 * @param index   0-based slot number
 * @param threads CPU threads the run may use (OMP_NUM_THREADS and friends)
 * @param gpu     the GPU the run sees (CUDA_VISIBLE_DEVICES), or null on the CPU
 */
public record Slot(int index, int threads, String gpu) {

    /** E.g. "slot 0, 2 threads" or "slot 1, GPU 1, 8 threads". */
    public String describe() {
        return "slot " + index + (gpu == null ? "" : ", GPU " + gpu) + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
