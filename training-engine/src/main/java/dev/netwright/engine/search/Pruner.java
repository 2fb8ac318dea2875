package dev.netwright.engine.search;

import java.util.List;

/** Decides, when a trial reports an intermediate value, whether to stop it now. */
public interface Pruner {

    /**
     * @param trial  the trial that just reported (its intermediate values include this step)
     * @param step   1-based step (e.g. epoch) that was reported
     * @param others every other trial of the sweep, running or finished
     */
    boolean shouldPrune(Trial trial, int step, List<Trial> others);

    /** Never prunes. */
    Pruner NONE = (trial, step, others) -> false;
}
