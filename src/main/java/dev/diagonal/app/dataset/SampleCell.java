package dev.diagonal.app.dataset;

import dev.diagonal.app.common.ThumbnailCell;
import dev.diagonal.app.common.ThumbnailLoader;
import dev.diagonal.data.Sample;
import java.nio.file.Path;

/** A sample in the grid: thumbnail, caption (or file name), label. */
final class SampleCell extends ThumbnailCell<Sample> {

    SampleCell(ThumbnailLoader loader, int imageSize) {
        super(loader, imageSize);
    }

    @Override
    protected Path image(Sample item) {
        return item.image();
    }

    @Override
    protected String firstLine(Sample item) {
        return item.caption() != null ? item.caption() : item.image().getFileName().toString();
    }

    @Override
    protected String secondLine(Sample item) {
        return item.label() == null ? "" : item.label();
    }

    @Override
    protected String tooltip(Sample item) {
        StringBuilder text = new StringBuilder(item.image().toString());
        if (item.caption() != null) {
            text.append("\ncaption: ").append(item.caption());
        }
        if (item.label() != null) {
            text.append("\nlabel: ").append(item.label());
        }
        item.extra().forEach((key, value) -> text.append('\n').append(key).append(": ").append(value));
        return text.toString();
    }
}
