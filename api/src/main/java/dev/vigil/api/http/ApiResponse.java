package dev.vigil.api.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers. Four shapes, all written by the framework (which adds
 * {@code Content-Length}, {@code Cache-Control: no-store}, {@code X-Request-Id} and handles
 * {@code HEAD}):
 * <ul>
 * <li>{@link Json}: an object serialized by {@link JsonCodec};
 * <li>{@link Bytes}: a small body already in memory (the OpenAPI document, metrics text);
 * <li>{@link Resource}: a {@link SizedResource}, with range requests (200/206/416);
 * <li>{@link Stream}: a body of unknown length written by a {@link BodyWriter}, sent chunked.
 * </ul>
 * Errors are not responses: throw a {@link dev.vigil.core.error.VigilException} instead.
 */
public sealed interface ApiResponse {
    /** Extra response headers (e.g. {@code Location}, {@code Content-Disposition}). */
    Map<String, String> headers();

    /** This response with one more header. */
    ApiResponse withHeader(String name, String value);

    record Json(int status, Object body, Map<String, String> headers) implements ApiResponse {
        public Json {
            headers = Map.copyOf(headers);
        }

        @Override
        public Json withHeader(String name, String value) {
            return new Json(status, body, plus(headers, name, value));
        }
    }

    record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements ApiResponse {
        public Bytes {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        @Override
        public Bytes withHeader(String name, String value) {
            return new Bytes(status, contentType, body, plus(headers, name, value));
        }
    }

    record Resource(SizedResource resource, Map<String, String> headers) implements ApiResponse {
        public Resource {
            Objects.requireNonNull(resource, "resource");
            headers = Map.copyOf(headers);
        }

        @Override
        public Resource withHeader(String name, String value) {
            return new Resource(resource, plus(headers, name, value));
        }
    }

    record Stream(int status, String contentType, BodyWriter writer, Map<String, String> headers)
            implements ApiResponse {
        public Stream {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(writer, "writer");
            headers = Map.copyOf(headers);
        }

        @Override
        public Stream withHeader(String name, String value) {
            return new Stream(status, contentType, writer, plus(headers, name, value));
        }
    }

    /** 200 with {@code body} as JSON. */
    static Json json(Object body) {
        return new Json(200, body, Map.of());
    }

    /** {@code status} with {@code body} as JSON (e.g. 201, 202). */
    static Json json(int status, Object body) {
        return new Json(status, body, Map.of());
    }

    /** 204, no body. */
    static Bytes noContent() {
        return new Bytes(204, "text/plain; charset=utf-8", new byte[0], Map.of());
    }

    /** 200 with a text body. */
    static Bytes text(String contentType, String body) {
        return new Bytes(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 200 with bytes. */
    static Bytes bytes(String contentType, byte[] body) {
        return new Bytes(200, contentType, body, Map.of());
    }

    /** A sized resource, served whole (200) or in part (206) as the request's {@code Range} asks. */
    static Resource resource(SizedResource resource) {
        return new Resource(resource, Map.of());
    }

    /** A chunked body written by {@code writer}. */
    static Stream stream(int status, String contentType, BodyWriter writer) {
        return new Stream(status, contentType, writer, Map.of());
    }

    private static Map<String, String> plus(Map<String, String> headers, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(headers);
        m.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return m;
    }
}
