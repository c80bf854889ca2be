package dev.diagonal.image;

import dev.diagonal.DiagonalException;

/**
 * Pillow's resampling filters, with the integer codes Hugging Face configs store in {@code "resample"}
 * (those of {@code PIL.Image.Resampling}). Each convolution filter has its kernel and support radius
 * exactly as Pillow's {@code Resample.c} defines them.
 */
public enum Resample {
    NEAREST(0, 0.0),
    LANCZOS(1, 3.0),
    BILINEAR(2, 1.0),
    BICUBIC(3, 2.0),
    BOX(4, 0.5),
    HAMMING(5, 1.0);

    private final int pilCode;
    private final double support;

    Resample(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The {@code PIL.Image.Resampling} value. */
    public int pilCode() {
        return pilCode;
    }

    /** The filter's support radius at scale 1 (Pillow's {@code struct filter.support}). */
    double support() {
        return support;
    }

    /** The filter for a {@code PIL.Image.Resampling} code; unknown codes are rejected. */
    public static Resample fromPilCode(int code) {
        for (Resample filter : values()) {
            if (filter.pilCode == code) {
                return filter;
            }
        }
        throw new DiagonalException("unknown resample filter " + code + " (Pillow knows 0-5)");
    }

    /** The kernel weight at distance {@code x}, in double precision like Pillow's C code. */
    double weight(double x) {
        switch (this) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR:
                x = Math.abs(x);
                return x < 1.0 ? 1.0 - x : 0.0;
            case HAMMING:
                x = Math.abs(x);
                if (x == 0.0) {
                    return 1.0;
                }
                if (x >= 1.0) {
                    return 0.0;
                }
                x = x * Math.PI;
                return Math.sin(x) / x * (0.54f + 0.46f * Math.cos(x));
            case BICUBIC:
                return bicubic(x);
            case LANCZOS:
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            default:
                throw new IllegalStateException("NEAREST has no convolution kernel");
        }
    }

    private static double bicubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x;
    }
}
