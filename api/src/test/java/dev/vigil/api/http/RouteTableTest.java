package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.api.auth.Access;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Handler OK = r -> ApiResponse.noContent();
    private final RouteTable table = RouteTable.of(List.of(() -> List.of(
            Route.get("/api/v1/cameras/{id}", Access.anyRole(), OK),
            Route.delete("/api/v1/cameras/{id}", Access.anyRole(), OK),
            Route.get("/api/v1/cameras/{id}/history", Access.anyRole(), OK),
            Route.get("/api/v1/{kind}/cameras", Access.anyRole(), OK),
            Route.get("/api/v1/health/cameras", Access.anyRole(), OK))));

    private RouteTable.Lookup.Found found(HttpMethod m, String path) {
        return assertInstanceOf(RouteTable.Lookup.Found.class, table.lookup(m, path));
    }

    @Test
    void parametersAreDecodedPerSegment() {
        RouteTable.Lookup.Found f = found(HttpMethod.GET, "/api/v1/cameras/gate%203/history");
        assertEquals("/api/v1/cameras/{id}/history", f.route().template().text());
        assertEquals(Map.of("id", "gate 3"), f.params());
        assertEquals("caf\u00e9", found(HttpMethod.GET, "/api/v1/cameras/caf%C3%A9").params().get("id"));
    }

    @Test
    void literalsBeatParameters() {
        assertEquals("/api/v1/health/cameras", found(HttpMethod.GET, "/api/v1/health/cameras").route().template().text());
        assertEquals("/api/v1/{kind}/cameras", found(HttpMethod.GET, "/api/v1/other/cameras").route().template().text());
    }

    @Test
    void headFindsGetAndWrongMethodsListTheAllowedOnes() {
        assertEquals(HttpMethod.GET, found(HttpMethod.HEAD, "/api/v1/cameras/x").route().method());
        RouteTable.Lookup.WrongMethod w = assertInstanceOf(RouteTable.Lookup.WrongMethod.class,
                table.lookup(HttpMethod.POST, "/api/v1/cameras/x"));
        assertEquals(List.of("DELETE", "GET", "HEAD"), w.allowed());
        assertInstanceOf(RouteTable.Lookup.NotFound.class, table.lookup(HttpMethod.GET, "/api/v1/cameras/x/y/z"));
        assertInstanceOf(RouteTable.Lookup.NotFound.class, table.lookup(HttpMethod.GET, "/api/v1/cameras/x/"));
        assertInstanceOf(RouteTable.Lookup.NotFound.class, table.lookup(HttpMethod.GET, "/../../etc/passwd"));
        assertInstanceOf(RouteTable.Lookup.NotFound.class, table.lookup(HttpMethod.GET, ""));
    }

    @Test
    void hostileParameterValuesAreFieldErrors() {
        for (String bad : List.of("..", ".", "..%2Fetc", "a%5Cb", "%00", "%zz", "%C3", "%", "a%0Ab")) {
            FieldError e = assertThrows(FieldError.class, () -> table.lookup(HttpMethod.GET, "/api/v1/cameras/" + bad),
                    bad);
            assertEquals("id", e.field());
        }
        assertThrows(FieldError.class, () -> table.lookup(HttpMethod.GET, "/api/v1/cameras/" + "a".repeat(257)));
        assertThrows(FieldError.class, () -> table.lookup(HttpMethod.GET, "/api/v1/cameras/"));
    }

    @Test
    void badTemplatesAndDuplicatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("api/x"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/x/"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/{a}/{a}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/x y"));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.of(List.of(
                () -> List.of(Route.get("/a", Access.open(), OK)), () -> List.of(Route.get("/a", Access.open(), OK)))));
    }
}
