package dev.diagonal.project;

/**
 * Training continued from the checkpoint of a step (the lines after that step were trimmed before).
 *
 * @param step the checkpoint's step
 */
public record ResumeEvent(long step) implements RunEvent {}
