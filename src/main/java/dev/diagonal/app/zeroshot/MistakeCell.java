package dev.diagonal.app.zeroshot;

import dev.diagonal.app.common.ThumbnailCell;
import dev.diagonal.app.common.ThumbnailLoader;
import java.nio.file.Path;
import java.util.Locale;

/** A mistake in the gallery: the image, its true class, and what the model said. */
final class MistakeCell extends ThumbnailCell<Mistake> {

    MistakeCell(ThumbnailLoader loader, int imageSize) {
        super(loader, imageSize);
        getStyleClass().add("mistake-cell");
    }

    @Override
    protected Path image(Mistake item) {
        return item.image();
    }

    @Override
    protected String firstLine(Mistake item) {
        return "✓ " + item.truth();
    }

    @Override
    protected String secondLine(Mistake item) {
        return String.format(Locale.ROOT, "✗ %.0f%% %s", item.score() * 100, item.predicted());
    }

    @Override
    protected String tooltip(Mistake item) {
        return String.format(Locale.ROOT, "%s%ntrue class: %s%npredicted: %s (p = %.3f)", item.image(), item.truth(),
                item.predicted(), item.score());
    }
}
