package dev.diagonal.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An in-memory image stream that stops a decoder which keeps reading past the end of the file. The
 * bundled lossless WebP reader meets a truncated file by catching the end-of-file error of each missing
 * pixel and going on, which takes minutes on a small file that declares a large image (found by
 * fuzzing); after {@link #END_READS} reads at the end, this stream throws instead.
 */
final class EndGuardedInput extends MemoryCacheImageInputStream {

    /** Reads at the end of the data tolerated before the decoder is stopped. */
    static final int END_READS = 256;

    private int endReads;

    EndGuardedInput(byte[] bytes) {
        super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read() throws IOException {
        return counted(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return counted(super.read(b, off, len));
    }

    private int counted(int result) {
        if (result < 0 && ++endReads > END_READS) {
            throw new UncheckedIOException("file is truncated (the decoder read past its end)", new IOException("end of data"));
        }
        return result;
    }
}
