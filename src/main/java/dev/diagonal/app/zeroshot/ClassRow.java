package dev.diagonal.app.zeroshot;

/**
 * One class in the per-class table.
 *
 * @param name  the class as prompted
 * @param count its images
 * @param top1  top-1 accuracy over them
 * @param top5  top-5 accuracy over them
 */
public record ClassRow(String name, int count, double top1, double top5) {}
