package dev.diagonal.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.diagonal.DiagonalException;

/** Typed reads of one section of a {@code config.json}, with HF defaults and errors naming the field. */
final class ConfigFields {

    private final ObjectNode node;
    private final String source;
    private final String path;

    ConfigFields(ObjectNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /** A sub-section; HF's legacy {@code *_config_dict} form overrides the plain one, as HF does. */
    ConfigFields section(String name, String legacyName) {
        ObjectNode merged = node.objectNode();
        for (String key : new String[] {name, legacyName}) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                if (!value.isObject()) {
                    throw error(key, "must be an object");
                }
                merged.setAll((ObjectNode) value);
            }
        }
        return new ConfigFields(merged, source, name + ".");
    }

    int integer(String field, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !(value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble()))) {
            throw error(field, "must be an integer, found " + value);
        }
        int result = value.asInt();
        if (result < 0) {
            throw error(field, "must not be negative, found " + result);
        }
        return result;
    }

    /** An integer that HF also accepts as a list (then the first element counts). */
    int firstInteger(String field, int fallback) {
        JsonNode value = node.get(field);
        if (value != null && value.isArray() && value.size() > 0) {
            ObjectNode single = node.objectNode();
            single.set(field, value.get(0));
            return new ConfigFields(single, source, path).integer(field, fallback);
        }
        return integer(field, fallback);
    }

    /** A size HF accepts as an int or as a square [h, w] pair. */
    int squareSize(String field, int fallback) {
        JsonNode value = node.get(field);
        if (value != null && value.isArray()) {
            if (value.size() != 2 || value.get(0).asInt() != value.get(1).asInt()) {
                throw error(field, "must be one number or a square [h, w] pair, found " + value);
            }
            return value.get(0).asInt();
        }
        int size = integer(field, fallback);
        if (size == 0) {
            throw error(field, "must be positive");
        }
        return size;
    }

    double number(String field, double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw error(field, "must be a number, found " + value);
        }
        return value.asDouble();
    }

    HiddenAct activation(String field, String fallback) {
        JsonNode value = node.get(field);
        String name = value == null || value.isNull() ? fallback : value.asText();
        HiddenAct act = HiddenAct.fromHfName(name);
        if (act == null) {
            throw error(field, "names an activation Diagonal does not implement: \"" + name + "\"");
        }
        return act;
    }

    void requireDivisible(String field, int value, String byField, int by) {
        if (by == 0 || value % by != 0) {
            throw error(field, "(" + value + ") must be divisible by " + path + byField + " (" + by + ")");
        }
    }

    private DiagonalException error(String field, String problem) {
        return new DiagonalException(source + ": " + path + field + " " + problem);
    }
}
