package dev.diagonal.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file line by line with strict UTF-8 decoding, so one malformed line can be reported and
 * skipped while the others are read. Lines end at {@code \n} (a trailing {@code \r} is dropped); a UTF-8
 * byte-order mark at the start is ignored.
 */
final class Utf8Lines implements Closeable {

    /**
     * One physical line.
     *
     * @param number the 1-based line number
     * @param text the decoded text, or {@code null} when the line is not valid UTF-8
     * @param error why the line could not be decoded, or {@code null}
     */
    record Line(int number, String text, String error) {
        boolean ok() {
            return text != null;
        }

        boolean isBlank() {
            return text != null && text.isBlank();
        }
    }

    static final int MAX_LINE_BYTES = 8 << 20;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int number;
    private boolean eof;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    static Utf8Lines open(Path file) throws IOException {
        return new Utf8Lines(Files.newInputStream(file));
    }

    /** The next line, or {@code null} at the end of the input. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            byte b = chunk[chunkPos++];
            if (b == '\n') {
                break;
            }
            if (length == MAX_LINE_BYTES) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
            }
            line[length++] = b;
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "line longer than " + (MAX_LINE_BYTES >> 20) + " MB");
        }
        int start = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (length > start && line[length - 1] == '\r') {
            length--;
        }
        return decode(start, length);
    }

    private Line decode(int start, int end) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int offset = bytes.position() - start;
            String error = String.format("not UTF-8 (byte 0x%02X at byte %d of the line)",
                    line[bytes.position()] & 0xFF, offset + 1);
            return new Line(number, null, error);
        }
        chars.flip();
        return new Line(number, chars.toString(), null);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(chunk);
        if (n <= 0) {
            eof = n < 0;
            chunkPos = chunkEnd = 0;
            return !eof && fill();
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
