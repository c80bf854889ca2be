package dev.diagonal.app.common;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * Small images for grids, decoded off the UI thread with a least-recently-used cache. Requests are served
 * newest first, so the cells on screen win over those scrolled past; a request whose cell has moved on
 * to another image is dropped without decoding.
 */
public final class ThumbnailLoader {

    private record Request(Path path, BooleanSupplier wanted, Consumer<Image> done) {}

    private final int size;
    private final Map<Path, Image> cache;
    private final LinkedBlockingDeque<Request> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** A loader making images at most {@code size} px wide and high, keeping {@code capacity} of them. */
    public ThumbnailLoader(int size, int capacity, int threads) {
        this.size = size;
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
                return size() > capacity;
            }
        };
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "diagonal-thumbnails-" + i);
            worker.setDaemon(true);
            worker.setPriority(Thread.NORM_PRIORITY - 1);
            worker.start();
        }
    }

    /** The cached thumbnail, or null (UI thread). */
    public Image cached(Path path) {
        return cache.get(path);
    }

    /**
     * Loads a thumbnail unless {@code wanted} says false by the time a worker gets to it; {@code done}
     * gets it (null when the file cannot be decoded) on the UI thread.
     */
    public void request(Path path, BooleanSupplier wanted, Consumer<Image> done) {
        Image hit = cache.get(path);
        if (hit != null) {
            done.accept(hit);
            return;
        }
        pending.incrementAndGet();
        queue.addFirst(new Request(path, wanted, done));
    }

    /** Whether no request is waiting or being decoded. */
    public boolean isIdle() {
        return pending.get() == 0;
    }

    private void work() {
        while (true) {
            Request request;
            try {
                request = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            if (!request.wanted().getAsBoolean()) {
                pending.decrementAndGet();
                continue;
            }
            Image image = decode(request.path());
            Platform.runLater(() -> {
                if (image != null) {
                    cache.put(request.path(), image);
                }
                pending.decrementAndGet();
                request.done().accept(image);
            });
        }
    }

    private Image decode(Path path) {
        try {
            BufferedImage source = read(path);
            if (source == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) size / Math.max(source.getWidth(), source.getHeight()));
            int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
            g.dispose();
            return SwingFXUtils.toFXImage(small, null);
        } catch (Exception | OutOfMemoryError e) {
            return null;
        }
    }

    /**
     * Decodes an image, skipping rows and columns of big ones (source subsampling) so that a 12-megapixel
     * photo costs about as much as a thumbnail of twice the wanted size.
     */
    private BufferedImage read(Path path) throws java.io.IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(path.toFile())) {
            if (input == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int step = Math.max(1, Math.min(reader.getWidth(0), reader.getHeight(0)) / (2 * size));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}
