package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.api.auth.Access;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.RouteTable;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OpenAPI document in the repository and the served routes (standard, integrator, police, operators) cannot drift apart. */
class OpenApiDocumentTest {
    @Test
    void everyStandardRouteIsDocumentedWithItsRolesAndNothingElseIs() throws Exception {
        try (ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(),
                new FakeNodeStatus(), f -> concat(PoliceRoutes.of(new PoliceFakes.Search(q -> { }),
                new PoliceFakes.Playback(new byte[1]), new PoliceFakes.Exports(new byte[1]), f.audit, c -> Optional.empty()),
                operatorRoutes(f)))) {
            List<String> problems = OpenApiCheck.problems(api.server.routes(), OpenApiRoute.load());
            assertEquals(List.of(), problems, String.join("\n", problems));
            HttpResponse<byte[]> served = api.http.send(java.net.http.HttpRequest.newBuilder(
                    api.uri("/api/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode());
            assertTrue(Arrays.equals(OpenApiRoute.load(), served.body()), "served as kept in the repository");
        }
    }

    /** The operators' alert routes over alerts in memory. */
    static List<RouteGroup> operatorRoutes(ApiFixture f) {
        return new dev.vigil.api.MemoryAlertReview().routes(f.audit);
    }

    private static List<RouteGroup> concat(List<RouteGroup> a, List<RouteGroup> b) {
        List<RouteGroup> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void theCheckFindsEachKindOfDrift() throws Exception {
        List<RouteGroup> groups = new ArrayList<>();
        try (ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(),
                new FakeNodeStatus(), f -> concat(PoliceRoutes.of(new PoliceFakes.Search(q -> { }),
                new PoliceFakes.Playback(new byte[1]), new PoliceFakes.Exports(new byte[1]), f.audit, c -> Optional.empty()),
                operatorRoutes(f)))) {
            groups.add(() -> api.server.routes().routes());
        }
        groups.add(() -> List.of(Route.get("/api/v1/undocumented/{x}", Access.anyRole(), r -> ApiResponse.noContent())));
        List<String> problems = OpenApiCheck.problems(RouteTable.of(groups), OpenApiRoute.load());
        assertEquals(List.of("get /api/v1/undocumented/{x}: served but not in the OpenAPI document"), problems);

        List<RouteGroup> changed = List.of(
                () -> List.of(Route.get("/api/v1/tokens", Access.roles(Role.ADMIN, Role.VIEWER), r -> null)),
                () -> List.of(Route.get("/healthz", Access.anyRole(), r -> null)));
        List<String> some = OpenApiCheck.problems(RouteTable.of(changed), OpenApiRoute.load());
        assertTrue(some.contains("get /api/v1/tokens: x-vigil-roles [admin] but the route admits [admin, viewer]"), some.toString());
        assertTrue(some.contains("get /healthz: route needs a token but declares security: []"), some.toString());
        assertTrue(some.contains("post /api/v1/tokens: in the OpenAPI document but not served"), some.toString());
    }
}
