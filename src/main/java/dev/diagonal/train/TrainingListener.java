package dev.diagonal.train;

import java.util.Map;

/**
 * PLACEHOLDER from the eval branch (wip-evalx) so the linear probe compiles before the trainer lands;
 * the trainer's full interface replaces this file at merge. Only these two methods are used here.
 */
public interface TrainingListener {

    /** An evaluation (or progress report) at {@code step}. */
    default void onEvaluation(long step, Map<String, Double> metrics) {}

    /** Something the user should know that does not stop the run. */
    default void onWarning(String message) {}
}
