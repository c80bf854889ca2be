package dev.diagonal.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.diagonal.image.ImageLoader;
import dev.diagonal.image.PixelLimit;
import dev.diagonal.image.UnreadableImageException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** The checks behind {@link ImageCheck#decoding()} and {@link ImageCheck#headerOnly()}. */
final class ImageIoCheck {

    private ImageIoCheck() {}

    /** Decodes with the project's loader, so validation and every later use agree on what is readable. */
    static ImageCheck.Result decodeFully(Path image) {
        if (!Files.exists(image)) {
            return ImageCheck.Result.missing("file not found");
        }
        if (!Files.isRegularFile(image)) {
            return ImageCheck.Result.missing("not a file");
        }
        try {
            ImageLoader.readRgb(image);
            return ImageCheck.Result.ok();
        } catch (UnreadableImageException e) {
            return ImageCheck.Result.unreadable(e.reason());
        }
    }

    /** Reads the header with {@code javax.imageio}: positive dimensions within the pixel limit. */
    static ImageCheck.Result headerOnly(Path image) {
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
            return read(image);
        } catch (IOException | RuntimeException e) {
            // decoders signal corrupt data with IOException and, for some formats, runtime exceptions
            return ImageCheck.Result.unreadable(reason(e));
        }
    }

    private static ImageCheck.Result read(Path image) throws IOException {
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
                long limit = PixelLimit.current();
                if ((long) width * height > limit) {
                    return ImageCheck.Result.unreadable(String.format(Locale.ROOT,
                            "%dx%d is %,d pixels, over the limit of %,d; raise it with -D%s=N",
                            width, height, (long) width * height, limit, PixelLimit.PROPERTY));
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
