package dev.vigil.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON in and out of the API (Jackson). Reading is strict: unknown fields, duplicate keys,
 * trailing content, {@code null} for primitives, numbers for enums and nesting deeper than 32 are
 * errors; every error is a {@link FieldError} naming the field's JSON path ({@code sites[1]}) when
 * there is one, with the position in the body when the JSON itself is malformed. Validation
 * failures thrown by a record's compact constructor ({@link VigilException}) keep their message.
 * Writing: ISO-8601 times, no indentation. Thread-safe.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;

    public JsonCodec() {
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                        .maxStringLength(1 << 20).maxNumberLength(100).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** The configured mapper, for tree building ({@code createObjectNode}) and tests. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Reads a request body as {@code type}.
     *
     * @throws FieldError (400) for an empty body, malformed JSON, an unknown field, a wrong type or
     *     a value the type's constructor refuses
     */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new FieldError("body", "a JSON body is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new FieldError("body", "the body must be a JSON object, was null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.toList());
            throw new FieldError(field, "unknown field '" + field + "'"
                    + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
        } catch (ValueInstantiationException e) {
            String field = path(e);
            Throwable cause = e.getCause();
            if (cause instanceof FieldError f) {
                throw f;
            }
            String why = cause instanceof VigilException || cause instanceof IllegalArgumentException
                    || cause instanceof NullPointerException ? cause.getMessage() : "invalid value";
            throw new FieldError(field.isEmpty() ? "body" : field, (field.isEmpty() ? "" : field + ": ")
                    + (why == null ? "invalid value" : why));
        } catch (InvalidFormatException e) {
            String field = path(e);
            throw new FieldError(field, field + ": " + ApiError.printable(String.valueOf(e.getValue()))
                    + " is not a valid " + typeName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new FieldError(field.isEmpty() ? "body" : field, (field.isEmpty() ? "the body" : field)
                    + ": expected " + typeName(e.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (StreamReadException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new FieldError("body", "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new FieldError(field.isEmpty() ? "body" : field, (field.isEmpty() ? "the body" : field) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new FieldError("body", "unreadable body: " + firstLine(e.getMessage()));
        }
    }

    /** {@code value} as JSON bytes. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON path of the field an error is about: {@code cameras[2].url}; empty for the root. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return ApiError.printable(b.toString());
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == java.time.Instant.class) {
            return "ISO-8601 time such as 2026-03-01T14:10:00Z";
        }
        return "object";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return ApiError.printable(nl < 0 ? s : s.substring(0, nl));
    }
}
