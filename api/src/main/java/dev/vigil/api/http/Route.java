package dev.vigil.api.http;

import dev.vigil.api.auth.Access;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;

/**
 * One method on one path template, who may call it, and what serves it. {@code GET} routes answer
 * {@code HEAD} too.
 *
 * @param method the HTTP method
 * @param template the path, e.g. {@code /api/v1/cameras/{id}/history}
 * @param access roles, reason and site rule, enforced before {@code handler} runs
 * @param handler what serves it
 */
public record Route(HttpMethod method, PathTemplate template, Access access, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if (method.equals(HttpMethod.HEAD)) {
            throw new IllegalArgumentException("HEAD is answered by the GET route of " + template);
        }
    }

    public static Route get(String path, Access access, Handler handler) {
        return new Route(HttpMethod.GET, PathTemplate.parse(path), access, handler);
    }

    public static Route post(String path, Access access, Handler handler) {
        return new Route(HttpMethod.POST, PathTemplate.parse(path), access, handler);
    }

    public static Route put(String path, Access access, Handler handler) {
        return new Route(HttpMethod.PUT, PathTemplate.parse(path), access, handler);
    }

    public static Route patch(String path, Access access, Handler handler) {
        return new Route(HttpMethod.PATCH, PathTemplate.parse(path), access, handler);
    }

    public static Route delete(String path, Access access, Handler handler) {
        return new Route(HttpMethod.DELETE, PathTemplate.parse(path), access, handler);
    }

    /** {@code GET /api/v1/...}: method and template, as metrics and logs name the route. */
    public String name() {
        return method.name() + " " + template.text();
    }

    @Override
    public String toString() {
        return name();
    }
}
