package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.diagonal.DiagonalException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An image-text similarity matrix at one training step (the similarity-snapshot {@link RunEvent}), saved as
 * {@code similarity/step-N.json} so the workbench can replay how the diagonal sharpens.
 *
 * @param step       training step
 * @param rowLabels  one label per row (usually the images)
 * @param colLabels  one label per column (usually the captions)
 * @param matrix     {@code rowLabels.size() x colLabels.size()} similarities
 * @param imagePaths optional: one image path per row, for thumbnails; null when absent
 */
@JsonPropertyOrder({"step", "rowLabels", "colLabels", "matrix", "imagePaths"})
public record SimilaritySnapshot(long step, List<String> rowLabels, List<String> colLabels, float[][] matrix,
        List<String> imagePaths) implements RunEvent {

    /** Checks that the matrix matches the labels. */
    public SimilaritySnapshot {
        rowLabels = List.copyOf(Objects.requireNonNull(rowLabels, "rowLabels"));
        colLabels = List.copyOf(Objects.requireNonNull(colLabels, "colLabels"));
        Objects.requireNonNull(matrix, "matrix");
        imagePaths = imagePaths == null ? null : List.copyOf(imagePaths);
        if (matrix.length != rowLabels.size()) {
            throw new DiagonalException("similarity matrix of step " + step + " has " + matrix.length
                    + " rows for " + rowLabels.size() + " row labels");
        }
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r] == null || matrix[r].length != colLabels.size()) {
                throw new DiagonalException("similarity matrix of step " + step + ": row " + r + " has "
                        + (matrix[r] == null ? 0 : matrix[r].length) + " values for " + colLabels.size()
                        + " column labels");
            }
        }
        if (imagePaths != null && imagePaths.size() != rowLabels.size()) {
            throw new DiagonalException("similarity snapshot of step " + step + " has " + imagePaths.size()
                    + " image paths for " + rowLabels.size() + " rows");
        }
    }

    /** Equal when every component is equal, matrix values included. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SimilaritySnapshot that && step == that.step && rowLabels.equals(that.rowLabels)
                && colLabels.equals(that.colLabels) && Arrays.deepEquals(matrix, that.matrix)
                && Objects.equals(imagePaths, that.imagePaths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, rowLabels, colLabels, Arrays.deepHashCode(matrix), imagePaths);
    }

    @Override
    public String toString() {
        return "SimilaritySnapshot[step=" + step + ", " + rowLabels.size() + "x" + colLabels.size() + "]";
    }
}
