package dev.vigil.core.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;

/**
 * The canonical JSON form of sites, cameras and their parts, as the catalog stores them and
 * {@link ConfigDiff} compares them: the config records' fields under their config key names,
 * defaults filled in by the records, {@code null}s left out. Reading is strict (unknown keys are
 * errors), as for the config file. Thread-safe.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ConfigJson() {}

    /** {@code config} as a JSON tree. */
    public static JsonNode tree(Object config) {
        return MAPPER.valueToTree(config);
    }

    /** {@code config} as JSON text. */
    public static String write(Object config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorKind.INTERNAL, "cannot write " + config.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON tree as text (for storing a diff). */
    public static String write(JsonNode tree) {
        return tree.toString();
    }

    /**
     * Reads what {@link #write(Object)} wrote.
     *
     * @throws VigilException DATA_LOSS when the text is not a valid {@code type} (a damaged row)
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "stored " + type.getSimpleName() + " is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into a tree. */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
