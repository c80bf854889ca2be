package dev.diagonal.image;

import dev.diagonal.DiagonalException;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files into 8-bit RGB exactly as Hugging Face's {@code load_image} does for a path
 * (Pillow's {@code Image.open}, {@code ImageOps.exif_transpose}, {@code convert("RGB")}), which is also
 * what {@code CLIPImageProcessor} does when given a file path.
 *
 * <p>Decisions, all matching transformers 5.x with Pillow 12:
 * <ul>
 *   <li>EXIF orientation is applied (from the EXIF block, else XMP {@code tiff:Orientation}), for
 *       JPEG, PNG and WebP files. Note: HF does not apply it when the caller passes an already opened
 *       PIL image, so such pipelines differ on rotated photos.</li>
 *   <li>Alpha is dropped, never composited onto a background; palette transparency is ignored.</li>
 *   <li>16-bit gray PNGs clip at 255 (Pillow's I;16 to RGB); other 16-bit PNGs keep the high byte.</li>
 *   <li>CMYK/YCCK JPEGs use Pillow's own CMYK to RGB formula on Adobe-inverted data; ICC profiles are
 *       ignored (also for RGB JPEGs), since Pillow's conversion ignores them.</li>
 *   <li>Animated GIFs give their first frame on the logical screen (the rest filled with the
 *       transparent index, else index 0), as Pillow does.</li>
 *   <li>Lossy WebP is decoded by this package's VP8 decoder with libwebp's chroma upsampling
 *       (bit-exact with Pillow); lossless WebP by TwelveMonkeys (lossless, hence exact). Animated
 *       WebP is read by TwelveMonkeys without Pillow's canvas compositing.</li>
 * </ul>
 * The format is recognised from the content, not the file name. Formats beyond PNG, JPEG, GIF, BMP and
 * WebP are read if ImageIO has a reader (e.g. TIFF) with the same colour rules, without orientation.
 */
public final class ImageLoader {

    private ImageLoader() {}

    /**
     * Reads an image file as RGB.
     *
     * @throws UnreadableImageException "cannot read image &lt;path&gt;: &lt;reason&gt;" when the file is
     *     missing, empty, truncated, corrupt, not an image or over the {@link PixelLimit}
     */
    public static RgbImage readRgb(Path path) {
        byte[] bytes = readBytes(path);
        ImageHeader header = ImageHeader.parse(bytes);
        try {
            return ExifOrientation.apply(decode(bytes, header), ExifOrientation.of(header));
        } catch (DiagonalException e) {
            throw e; // a setting error (the pixel limit property), not the file's fault
        } catch (IOException | RuntimeException e) {
            throw failure(path, describe(e), e);
        }
    }

    /**
     * Converts an image already in memory with the same rules as {@link #readRgb} (raw samples, alpha
     * dropped, palette looked up); no orientation is applied.
     */
    public static RgbImage toRgb(BufferedImage image) {
        return RasterToRgb.convert(image, true);
    }

    /**
     * The alpha channel of an image file, one byte per pixel in row-major order, or null when the image
     * is opaque by format (JPEG, lossy WebP, no alpha in the colour model). Palette transparency counts.
     * Training augmentations use it to put backgrounds behind transparent pixels.
     *
     * @throws UnreadableImageException as {@link #readRgb} does
     */
    public static byte[] readAlpha(Path path) {
        byte[] bytes = readBytes(path);
        ImageHeader header = ImageHeader.parse(bytes);
        if (header.format == ImageHeader.Format.JPEG || header.format == ImageHeader.Format.WEBP) {
            return null;
        }
        try (ImageInputStream in = new EndGuardedInput(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                PixelLimit.check(reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                if (!image.getColorModel().hasAlpha()) {
                    return null;
                }
                int w = image.getWidth();
                int h = image.getHeight();
                int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
                byte[] alpha = new byte[argb.length];
                for (int i = 0; i < argb.length; i++) {
                    alpha[i] = (byte) (argb[i] >>> 24);
                }
                return alpha;
            } finally {
                reader.dispose();
            }
        } catch (DiagonalException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(path, describe(e), e);
        }
    }

    private static byte[] readBytes(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw failure(path, "is a directory", null);
            }
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                throw failure(path, "file is empty", null);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw failure(path, "no such file", e);
        } catch (IOException e) {
            throw failure(path, describe(e), e);
        }
    }

    private static RgbImage decode(byte[] bytes, ImageHeader header) throws IOException {
        if (header.truncated) {
            throw new IOException("file is truncated");
        }
        int[] vp8 = header.format == ImageHeader.Format.WEBP ? WebpLossy.findVp8Chunk(bytes) : null;
        if (vp8 != null) {
            checkVp8Size(bytes, vp8);
            return WebpLossy.decode(bytes, vp8);
        }
        // an in-memory stream: ImageIO.createImageInputStream would cache through a temporary file
        try (ImageInputStream in = new EndGuardedInput(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a supported image format");
            }
            ImageReader reader = readers.next();
            WarningCollector warnings = new WarningCollector();
            reader.addIIOReadWarningListener(warnings);
            try {
                reader.setInput(in, true, true);
                PixelLimit.check(reader.getWidth(0), reader.getHeight(0));
                RgbImage image = switch (header.format) {
                    case JPEG -> JpegColor.toRgb(reader.readRaster(0, null), requireMarkers(header));
                    case GIF -> {
                        checkGifCanvas(reader.getWidth(0), reader.getHeight(0), header.gifFrame);
                        yield firstGifFrame(reader.read(0), header.gifFrame);
                    }
                    default -> RasterToRgb.convert(reader.read(0), header.pngColorType != 4);
                };
                warnings.failIfTruncated();
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    /** The key frame's 14-bit width and height sit after the 3-byte tag and the 3-byte start code. */
    private static void checkVp8Size(byte[] bytes, int[] chunk) throws IOException {
        int at = chunk[0] + 6;
        if (chunk[1] < 10 || at + 4 > bytes.length) {
            throw new IOException("file is truncated (VP8 frame header)");
        }
        int width = ((bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8) & 0x3FFF;
        int height = ((bytes[at + 2] & 0xFF) | (bytes[at + 3] & 0xFF) << 8) & 0x3FFF;
        PixelLimit.check(width, height);
    }

    private static ImageHeader.Jpeg requireMarkers(ImageHeader header) throws IOException {
        if (header.jpeg == null) {
            throw new IOException("JPEG without a frame header");
        }
        return header.jpeg;
    }

    /** The canvas a frame placed far off the logical screen would need counts against the limit too. */
    private static void checkGifCanvas(int frameWidth, int frameHeight, ImageHeader.GifFrame placement) throws IOException {
        if (placement != null) {
            PixelLimit.check(Math.max(placement.screenWidth(), (long) placement.left() + frameWidth),
                    Math.max(placement.screenHeight(), (long) placement.top() + frameHeight));
        }
    }

    /** Pillow's frame 0: the logical screen (grown to fit the frame) filled, then the frame placed. */
    private static RgbImage firstGifFrame(BufferedImage frame, ImageHeader.GifFrame placement) {
        RgbImage pixels = RasterToRgb.convert(frame, true);
        if (placement == null) {
            return pixels;
        }
        int left = placement.left();
        int top = placement.top();
        int width = Math.max(placement.screenWidth(), left + pixels.width());
        int height = Math.max(placement.screenHeight(), top + pixels.height());
        if (left == 0 && top == 0 && width == pixels.width() && height == pixels.height()) {
            return pixels;
        }
        RgbImage canvas = RgbImage.blank(width, height);
        int fill = Math.max(placement.transparentIndex(), 0);
        if (frame.getColorModel() instanceof IndexColorModel palette && fill < palette.getMapSize()) {
            int rgb = palette.getRGB(fill);
            for (int p = 0; p < canvas.data().length; p += 3) {
                canvas.data()[p] = (byte) (rgb >> 16);
                canvas.data()[p + 1] = (byte) (rgb >> 8);
                canvas.data()[p + 2] = (byte) rgb;
            }
        }
        for (int y = 0; y < pixels.height(); y++) {
            System.arraycopy(pixels.data(), y * pixels.width() * 3,
                    canvas.data(), ((y + top) * width + left) * 3, pixels.width() * 3);
        }
        return canvas;
    }

    /** Decoders report a cut-off stream as a warning and return a padded image; Pillow refuses it. */
    private static final class WarningCollector implements IIOReadWarningListener {
        private final List<String> warnings = new ArrayList<>();

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            warnings.add(warning);
        }

        void failIfTruncated() throws IOException {
            for (String warning : warnings) {
                String lower = warning.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncat")) {
                    throw new IOException("file is truncated (" + warning + ")");
                }
            }
        }
    }

    private static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return "file is truncated";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static UnreadableImageException failure(Path path, String reason, Throwable cause) {
        return new UnreadableImageException(path, reason, cause);
    }
}
