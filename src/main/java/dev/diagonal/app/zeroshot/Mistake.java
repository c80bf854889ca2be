package dev.diagonal.app.zeroshot;

import java.nio.file.Path;

/**
 * A misclassified image.
 *
 * @param image     the image file
 * @param truth     its true class
 * @param predicted the class the model chose
 * @param score     the softmax probability of the chosen class
 */
public record Mistake(Path image, String truth, String predicted, double score) {}
