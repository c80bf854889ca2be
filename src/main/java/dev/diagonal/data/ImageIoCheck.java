package dev.diagonal.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** The {@code javax.imageio} checks behind {@link ImageCheck#decoding()} and {@link ImageCheck#headerOnly()}. */
final class ImageIoCheck {

    /** Decoded images are subsampled to about this many pixels on the long side to bound memory. */
    private static final int DECODE_SIDE = 256;

    /**
     * Decoder warnings saying the data ends early. JPEG decoders only warn on a truncated file and fill
     * the rest with grey; other warnings (extraneous bytes, odd metadata) are harmless and ignored.
     */
    private static final Pattern TRUNCATED = Pattern.compile("truncat|premature end", Pattern.CASE_INSENSITIVE);

    private ImageIoCheck() {}

    static ImageCheck.Result check(Path image, boolean decode) {
        if (!Files.exists(image)) {
            return ImageCheck.Result.missing("file not found");
        }
        if (!Files.isRegularFile(image)) {
            return ImageCheck.Result.missing("not a file");
        }
        try {
            if (Files.size(image) == 0) {
                return ImageCheck.Result.unreadable("empty file");
            }
            return read(image, decode);
        } catch (IOException | RuntimeException e) {
            // decoders signal corrupt data with IOException and, for some formats, runtime exceptions
            return ImageCheck.Result.unreadable(reason(e));
        }
    }

    private static ImageCheck.Result read(Path image, boolean decode) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                return ImageCheck.Result.unreadable("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return ImageCheck.Result.unreadable("not a known image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return ImageCheck.Result.unreadable("no pixels (" + width + "x" + height + ")");
                }
                if (decode) {
                    List<String> warnings = new ArrayList<>();
                    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                    ImageReadParam param = reader.getDefaultReadParam();
                    int step = Math.max(1, Math.max(width, height) / DECODE_SIDE);
                    param.setSourceSubsampling(step, step, 0, 0);
                    reader.read(0, param);
                    for (String warning : warnings) {
                        if (TRUNCATED.matcher(warning).find()) {
                            return ImageCheck.Result.unreadable("truncated (" + warning + ")");
                        }
                    }
                }
                return ImageCheck.Result.ok();
            } finally {
                reader.dispose();
            }
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
