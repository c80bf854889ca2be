package dev.diagonal.app.zeroshot;

import dev.diagonal.eval.ZeroShot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished zero-shot evaluation with what the screen needs besides the scores.
 *
 * @param dataset the dataset's name
 * @param images  the image files, in the order of {@code result.predictions()}
 * @param result  the scores, per-class statistics, confusion matrix and predictions
 * @param device  where the model ran
 * @param elapsed how long it took
 */
public record ZeroShotOutcome(String dataset, List<Path> images, ZeroShot.Result result, String device, Duration elapsed) {}
