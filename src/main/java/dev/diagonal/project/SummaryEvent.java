package dev.diagonal.project;

/**
 * How a training session went, logged when it ends.
 *
 * @param step            the last step done
 * @param imagesPerSecond steady-state training throughput; NaN when unknown
 * @param trainSeconds    time spent training; NaN when unknown
 */
public record SummaryEvent(long step, double imagesPerSecond, double trainSeconds) implements RunEvent {}
