package dev.diagonal.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Decides whether an image file can be used. Implementations must be thread-safe: the loader runs
 * checks in parallel.
 */
@FunctionalInterface
public interface ImageCheck {

    /**
     * The verdict on one image.
     *
     * @param problem {@code null} when the image is fine, else {@link ProblemKind#MISSING_IMAGE} or
     *     {@link ProblemKind#UNREADABLE_IMAGE}
     * @param detail a short reason, empty when fine
     */
    record Result(ProblemKind problem, String detail) {

        /** Validates the components. */
        public Result {
            if (problem != null && problem != ProblemKind.MISSING_IMAGE && problem != ProblemKind.UNREADABLE_IMAGE) {
                throw new IllegalArgumentException("not an image problem: " + problem);
            }
            detail = Objects.requireNonNullElse(detail, "");
        }

        /** The image is usable. */
        public static Result ok() {
            return new Result(null, "");
        }

        /** The image file is not there. */
        public static Result missing(String detail) {
            return new Result(ProblemKind.MISSING_IMAGE, detail);
        }

        /** The image file is there but cannot be used. */
        public static Result unreadable(String detail) {
            return new Result(ProblemKind.UNREADABLE_IMAGE, detail);
        }

        /** True when the image is usable. */
        public boolean isOk() {
            return problem == null;
        }
    }

    /** Checks one image file. Must not throw for bad files: report them in the result instead. */
    Result check(Path image);

    /**
     * The default: the file fully decodes with {@link dev.diagonal.image.ImageLoader}, the decoder every
     * later use goes through (so a WebP whose VP8 data is cut short fails here, not mid-run), within
     * the {@link dev.diagonal.image.PixelLimit}.
     */
    static ImageCheck decoding() {
        return ImageIoCheck::decodeFully;
    }

    /**
     * A faster check for big sets: the file exists, is not empty, and its header gives positive
     * dimensions within the pixel limit; the pixel data is not decoded, so a file broken further in
     * is only found at first use (and then skipped and counted).
     */
    static ImageCheck headerOnly() {
        return ImageIoCheck::headerOnly;
    }
}
