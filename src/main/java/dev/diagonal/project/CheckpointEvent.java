package dev.diagonal.project;

import java.nio.file.Path;

/**
 * A checkpoint was written (atomically). Live only: the trainer does not log checkpoints to {@code metrics.jsonl}
 * (the {@code checkpoints/} folder is their record).
 *
 * @param step the step checkpointed
 * @param path the checkpoint's folder
 */
public record CheckpointEvent(long step, Path path) implements RunEvent {}
