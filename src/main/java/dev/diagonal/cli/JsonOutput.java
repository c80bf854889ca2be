package dev.diagonal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.diagonal.io.AtomicFiles;
import java.nio.file.Path;

/** Writes a command's result as JSON, atomically, so a failed command leaves nothing at {@code --out}. */
final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonOutput() {}

    static void write(Path out, Object value) {
        AtomicFiles.write(out, stream -> JSON.writeValue(new NonClosing(stream), value));
    }

    /** Jackson closes the stream it writes; AtomicFiles still needs it open to fsync. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
