package dev.diagonal.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.diagonal.DiagonalException;
import dev.diagonal.image.Augmentation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link TrainingConfig} in {@code run.json}: one flat map with snake_case keys, the groups side by side
 * (their keys never clash), freeze and augmentation specs as strings. This is the layout Diagonal wrote
 * before the configuration was typed, so old runs read unchanged; keys missing from a file take the
 * defaults, keys that are not settings (the model and data paths beside them) are ignored.
 */
final class ConfigJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(specs())
            .build();

    private static final String LR_AUTO = "lr_auto";

    /** The settings outside the groups. */
    private record Head(String method, long seed, String device, Freeze freeze) {}

    private ConfigJson() {}

    static Map<String, Object> write(TrainingConfig config) {
        Map<String, Object> out = new LinkedHashMap<>(toMap(new Head(config.method(), config.seed(), config.device(),
                config.freeze())));
        out.putAll(toMap(config.optimizer()));
        out.putAll(toMap(config.schedule()));
        out.putAll(toMap(config.data()));
        out.putAll(toMap(config.evaluation()));
        out.putAll(toMap(config.lora()));
        return out;
    }

    static TrainingConfig read(Map<String, ?> json, String source) {
        Map<String, Object> merged = write(TrainingConfig.defaults());
        if (!json.containsKey(Setting.BATCHES.key())) {
            merged.put(Setting.BATCHES.key(), Batches.ONE_PER_CLASS.key()); // written before fill batches existed
        }
        if (!json.containsKey(LR_AUTO)) {
            merged.put(LR_AUTO, false); // written before --lr auto existed, or became the default
        }
        json.forEach((key, value) -> {
            if (value != null && merged.containsKey(key)) {
                merged.put(key, value);
            }
        });
        Head head = part(merged, Head.class, source);
        return new TrainingConfig(head.method(), head.seed(), head.device(), head.freeze(),
                part(merged, OptimizerSettings.class, source), part(merged, ScheduleSettings.class, source),
                part(merged, DataSettings.class, source), part(merged, EvaluationSettings.class, source),
                part(merged, LoraSettings.class, source));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(Object part) {
        return MAPPER.convertValue(part, LinkedHashMap.class);
    }

    private static <T> T part(Map<String, Object> json, Class<T> type, String source) {
        try {
            return MAPPER.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidSettingException invalid) {
                    throw invalid;
                }
            }
            throw new DiagonalException(source + ": " + describe(e), e);
        }
    }

    private static String describe(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String message = mapping.getOriginalMessage();
            return "setting " + mapping.getPath().get(0).getFieldName() + " has a value of the wrong type ("
                    + message.lines().findFirst().orElse(message) + ")";
        }
        return e.getMessage();
    }

    private static SimpleModule specs() {
        SimpleModule module = new SimpleModule("diagonal-training-specs");
        module.addSerializer(Freeze.class, ToStringSerializer.instance);
        module.addSerializer(Augmentation.class, ToStringSerializer.instance);
        module.addDeserializer(Freeze.class, spec(Freeze.class, Freeze::parse));
        module.addDeserializer(Augmentation.class, spec(Augmentation.class,
                text -> Setting.AUGMENT.parse(() -> Augmentation.parse(text))));
        return module;
    }

    private static <T> StdScalarDeserializer<T> spec(Class<T> type, Function<String, T> parse) {
        return new StdScalarDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        };
    }
}
