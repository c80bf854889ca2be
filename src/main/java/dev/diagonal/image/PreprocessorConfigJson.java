package dev.diagonal.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code preprocessor_config.json} the way transformers' CLIP image processor reads it: a
 * missing or null field takes the class default; {@code size} may be {"shortest_edge": n},
 * {"shortest_edge": n, "longest_edge": m}, {"height": h, "width": w}, an int (shortest edge, or a
 * square when {@code default_to_square} is true) or [h, w]; {@code crop_size} may be
 * {"height", "width"}, an int (square) or [h, w]; mean and std may be one number or three.
 */
final class PreprocessorConfigJson {

    private final Path file;
    private final JsonNode root;

    private PreprocessorConfigJson(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static ImageProcessorConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DiagonalException("cannot read preprocessor config " + file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new DiagonalException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new DiagonalException("cannot read preprocessor config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DiagonalException(file + ": expected a JSON object");
        }
        return new PreprocessorConfigJson(file, root).parse();
    }

    private ImageProcessorConfig parse() {
        boolean doResize = bool("do_resize", true);
        int[] size = size(bool("default_to_square", false));
        int resampleCode = positiveOrZeroInt("resample", Resample.BICUBIC.pilCode());
        Resample resample;
        try {
            resample = Resample.fromPilCode(resampleCode);
        } catch (DiagonalException e) {
            throw fail("resample", "must be a Pillow filter code 0-5, got " + resampleCode);
        }
        int[] crop = cropSize();
        double rescaleFactor = number("rescale_factor", ImageProcessorConfig.DEFAULT_RESCALE_FACTOR);
        if (!(rescaleFactor > 0) || Double.isInfinite(rescaleFactor)) {
            throw fail("rescale_factor", "must be a positive number");
        }
        double[] mean = channels("image_mean", ImageProcessorConfig.OPENAI_CLIP_MEAN);
        double[] std = channels("image_std", ImageProcessorConfig.OPENAI_CLIP_STD);
        for (double s : std) {
            if (s == 0) {
                throw fail("image_std", "must not contain 0");
            }
        }
        return new ImageProcessorConfig(doResize, size[0], size[1], size[2], size[3], resample,
                bool("do_center_crop", true), crop[0], crop[1], bool("do_rescale", true), rescaleFactor,
                bool("do_normalize", true), mean, std, bool("do_convert_rgb", true));
    }

    /** {shortestEdge, longestEdge, height, width}. */
    private int[] size(boolean defaultToSquare) {
        JsonNode node = root.get("size");
        if (node == null || node.isNull()) {
            return new int[] {224, 0, 0, 0};
        }
        if (node.isIntegralNumber()) {
            int n = positive("size", node);
            return defaultToSquare ? new int[] {0, 0, n, n} : new int[] {n, 0, 0, 0};
        }
        if (node.isArray()) {
            int[] hw = pair("size", node);
            return new int[] {0, 0, hw[0], hw[1]};
        }
        if (!node.isObject()) {
            throw fail("size", "must be an object, an integer or [height, width]");
        }
        Set<String> keys = keys(node);
        if (keys.equals(Set.of("shortest_edge"))) {
            return new int[] {positive("size.shortest_edge", node.get("shortest_edge")), 0, 0, 0};
        }
        if (keys.equals(Set.of("shortest_edge", "longest_edge"))) {
            return new int[] {positive("size.shortest_edge", node.get("shortest_edge")),
                positive("size.longest_edge", node.get("longest_edge")), 0, 0};
        }
        if (keys.equals(Set.of("height", "width"))) {
            return new int[] {0, 0, positive("size.height", node.get("height")), positive("size.width", node.get("width"))};
        }
        throw fail("size", "has keys " + keys
                + "; supported: {shortest_edge}, {shortest_edge, longest_edge}, {height, width}");
    }

    /** {height, width}. */
    private int[] cropSize() {
        JsonNode node = root.get("crop_size");
        if (node == null || node.isNull()) {
            return new int[] {224, 224};
        }
        if (node.isIntegralNumber()) {
            int n = positive("crop_size", node);
            return new int[] {n, n};
        }
        if (node.isArray()) {
            return pair("crop_size", node);
        }
        if (node.isObject() && keys(node).equals(Set.of("height", "width"))) {
            return new int[] {positive("crop_size.height", node.get("height")),
                positive("crop_size.width", node.get("width"))};
        }
        throw fail("crop_size", "must be {height, width}, an integer or [height, width]");
    }

    private int[] pair(String field, JsonNode node) {
        if (node.size() != 2) {
            throw fail(field, "must list exactly [height, width]");
        }
        return new int[] {positive(field + "[0]", node.get(0)), positive(field + "[1]", node.get(1))};
    }

    private double[] channels(String field, double[] fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback.clone();
        }
        if (node.isNumber()) {
            return new double[] {node.doubleValue(), node.doubleValue(), node.doubleValue()};
        }
        if (!node.isArray() || node.size() != 3) {
            throw fail(field, "must be a number or a list of 3 numbers (one per RGB channel)");
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!node.get(i).isNumber()) {
                throw fail(field, "must be a number or a list of 3 numbers (one per RGB channel)");
            }
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    private boolean bool(String field, boolean fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw fail(field, "must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    private double number(String field, double fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw fail(field, "must be a number, got " + node);
        }
        return node.doubleValue();
    }

    private int positiveOrZeroInt(String field, int fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw fail(field, "must be a non-negative integer, got " + node);
        }
        return node.intValue();
    }

    private int positive(String field, JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw fail(field, "must be a positive integer, got " + node);
        }
        return node.intValue();
    }

    private static Set<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return new TreeSet<>(names);
    }

    private DiagonalException fail(String field, String problem) {
        return new DiagonalException(file + ": field '" + field + "' " + problem);
    }
}
