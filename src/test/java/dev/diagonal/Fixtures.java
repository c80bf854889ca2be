package dev.diagonal;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the committed golden fixtures ({@code src/test/resources/fixtures}) on the test classpath. */
public final class Fixtures {

    private Fixtures() {}

    /** {@code fixtures/<relative>} as a file path. */
    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture fixtures/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts {@code actual} matches {@code expected} row by row within {@code relative} of the row's
     * largest magnitude: {@code max|a - e| <= relative * max|e|}; returns the worst ratio seen.
     */
    public static double assertRowsClose(float[] actual, float[] expected, int rowLength, double relative, String what) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        double worst = 0;
        for (int start = 0; start < expected.length; start += rowLength) {
            double scale = 0;
            double diff = 0;
            for (int i = start; i < start + rowLength; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            }
            double ratio = diff / Math.max(scale, 1e-30);
            worst = Math.max(worst, ratio);
            if (ratio > relative) {
                throw new AssertionError(String.format("%s row %d: max diff %.3g is %.3g of the row's scale %.3g (allowed %.1g)",
                        what, start / rowLength, diff, ratio, scale, relative));
            }
        }
        return worst;
    }
}
