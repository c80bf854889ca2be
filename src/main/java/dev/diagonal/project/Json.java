package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.diagonal.DiagonalException;
import dev.diagonal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of the project package: unknown fields are ignored (files written by a
 * newer Diagonal still open), nulls are left out, instants are ISO-8601 strings, and NaN/Infinity are
 * written as bare tokens (as Python's {@code json} module does) so a diverged loss survives a round trip.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(instantModule())
            .build();

    /** Jackson's location dump inside messages, reduced to line and column. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private Json() {}

    /** Reads {@code file} as {@code type}; any failure becomes a short message naming the file. */
    static <T> T read(Path file, Class<T> type) {
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                throw new DiagonalException(file + ": empty JSON (null)");
            }
            return value;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DiagonalException("missing file " + file, e);
        } catch (JsonProcessingException e) {
            throw new DiagonalException(file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Atomically writes {@code value} as indented JSON, followed by a newline. */
    static void write(Path file, Object value) {
        byte[] bytes;
        try {
            bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new DiagonalException("cannot write " + file + ": " + describe(e), e);
        }
        AtomicFiles.write(file, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }

    /**
     * A short description of a JSON problem: where it is (line, column, field path) and what is wrong,
     * without Jackson's source dump.
     */
    static String describe(JsonProcessingException e) {
        StringBuilder message = new StringBuilder();
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message.append("line ").append(location.getLineNr())
                    .append(", column ").append(location.getColumnNr()).append(": ");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            message.append("field '").append(fieldPath(mapping)).append("': ");
        }
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String firstLine = SOURCE.matcher(original.lines().findFirst().orElse(original)).replaceAll("line $1, column $2");
        message.append(firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine);
        return message.toString();
    }

    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static SimpleModule instantModule() {
        SimpleModule module = new SimpleModule("diagonal-instant");
        module.addSerializer(Instant.class, ToStringSerializer.instance);
        module.addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return text == null || text.isBlank() ? null : Instant.parse(text.trim());
                } catch (DateTimeParseException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, text,
                            "not an ISO-8601 instant such as 2025-01-31T12:00:00Z");
                }
            }
        });
        return module;
    }
}
