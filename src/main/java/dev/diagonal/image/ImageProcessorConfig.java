package dev.diagonal.image;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The settings of a Hugging Face CLIP image processor ({@code preprocessor_config.json}).
 *
 * <p>Resizing uses either {@code shortestEdge} (&gt; 0; the short side becomes this length, the long
 * side keeps the aspect ratio, truncated; optionally capped by {@code longestEdge}, 0 = no cap) or an
 * exact {@code resizeHeight} x {@code resizeWidth} (both &gt; 0, {@code shortestEdge} 0). The crop
 * size is {@code cropHeight} x {@code cropWidth}. Mean and standard deviation have one value per RGB
 * channel. {@code doConvertRgb} is recorded for completeness: images are always RGB here (which is
 * what HF does too whenever a file path is given).
 */
public record ImageProcessorConfig(
        boolean doResize,
        int shortestEdge,
        int longestEdge,
        int resizeHeight,
        int resizeWidth,
        Resample resample,
        boolean doCenterCrop,
        int cropHeight,
        int cropWidth,
        boolean doRescale,
        double rescaleFactor,
        boolean doNormalize,
        double[] imageMean,
        double[] imageStd,
        boolean doConvertRgb) {

    /** OpenAI CLIP's per-channel mean ({@code OPENAI_CLIP_MEAN} in transformers). */
    public static final double[] OPENAI_CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    /** OpenAI CLIP's per-channel standard deviation ({@code OPENAI_CLIP_STD}). */
    public static final double[] OPENAI_CLIP_STD = {0.26862954, 0.26130258, 0.27577711};
    /** transformers' default {@code rescale_factor}, 1/255. */
    public static final double DEFAULT_RESCALE_FACTOR = 1.0 / 255;

    /** Validates the combination and copies the arrays. */
    public ImageProcessorConfig {
        if (doResize) {
            boolean byShortEdge = shortestEdge > 0 && resizeHeight == 0 && resizeWidth == 0;
            boolean exact = shortestEdge == 0 && resizeHeight > 0 && resizeWidth > 0;
            if (!byShortEdge && !exact) {
                throw new IllegalArgumentException("resize needs either a shortest edge or a height and width");
            }
            if (longestEdge < 0 || longestEdge > 0 && !byShortEdge) {
                throw new IllegalArgumentException("a longest edge needs a shortest edge");
            }
        }
        if (doCenterCrop && (cropHeight <= 0 || cropWidth <= 0)) {
            throw new IllegalArgumentException("crop size must be positive: " + cropHeight + "x" + cropWidth);
        }
        if (resample == null) {
            throw new IllegalArgumentException("resample filter is required");
        }
        if (imageMean == null || imageStd == null || imageMean.length != 3 || imageStd.length != 3) {
            throw new IllegalArgumentException("image mean and std need 3 values each");
        }
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
    }

    /** HF's CLIPImageProcessor defaults with the short side and the square crop set to {@code imageSize}. */
    public static ImageProcessorConfig defaults(int imageSize) {
        return new ImageProcessorConfig(true, imageSize, 0, 0, 0, Resample.BICUBIC, true, imageSize, imageSize,
                true, DEFAULT_RESCALE_FACTOR, true, OPENAI_CLIP_MEAN, OPENAI_CLIP_STD, true);
    }

    /**
     * Reads a {@code preprocessor_config.json}, accepting the field forms transformers accepts and
     * taking CLIP's defaults for missing or null fields.
     *
     * @throws dev.diagonal.DiagonalException naming the file and the field when it cannot be used
     */
    public static ImageProcessorConfig fromJson(Path preprocessorConfigJson) {
        return PreprocessorConfigJson.read(preprocessorConfigJson);
    }

    @Override
    public double[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public double[] imageStd() {
        return imageStd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageProcessorConfig c && doResize == c.doResize && shortestEdge == c.shortestEdge
                && longestEdge == c.longestEdge && resizeHeight == c.resizeHeight && resizeWidth == c.resizeWidth
                && resample == c.resample && doCenterCrop == c.doCenterCrop && cropHeight == c.cropHeight
                && cropWidth == c.cropWidth && doRescale == c.doRescale
                && Double.compare(rescaleFactor, c.rescaleFactor) == 0 && doNormalize == c.doNormalize
                && Arrays.equals(imageMean, c.imageMean) && Arrays.equals(imageStd, c.imageStd)
                && doConvertRgb == c.doConvertRgb;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {doResize, shortestEdge, longestEdge, resizeHeight, resizeWidth, resample,
            doCenterCrop, cropHeight, cropWidth, doRescale, rescaleFactor, doNormalize, Arrays.hashCode(imageMean),
            Arrays.hashCode(imageStd), doConvertRgb});
    }

    @Override
    public String toString() {
        String size = shortestEdge > 0 ? "shortestEdge=" + shortestEdge + (longestEdge > 0 ? ", longestEdge=" + longestEdge : "")
                : "size=" + resizeHeight + "x" + resizeWidth;
        return "ImageProcessorConfig[doResize=" + doResize + ", " + size + ", resample=" + resample
                + ", doCenterCrop=" + doCenterCrop + ", crop=" + cropHeight + "x" + cropWidth
                + ", doRescale=" + doRescale + ", rescaleFactor=" + rescaleFactor + ", doNormalize=" + doNormalize
                + ", imageMean=" + Arrays.toString(imageMean) + ", imageStd=" + Arrays.toString(imageStd)
                + ", doConvertRgb=" + doConvertRgb + "]";
    }
}
