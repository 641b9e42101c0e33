package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of every route, kept in the repository
 * at {@code api/src/main/resources/openapi.json} and served as is, without a token. A test keeps it
 * and the route table equal.
 */
public final class OpenApiRoute implements RouteGroup {
    /** Where the document lives on the class path. */
    public static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiRoute() {
        this.document = load();
    }

    /** The document's bytes, read from the class path. */
    public static byte[] load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/openapi.json", Access.open(),
                r -> ApiResponse.bytes("application/json", document)));
    }
}
