package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import java.util.List;
import java.util.Objects;

/**
 * Cameras as the running node knows them, narrowed to the token's sites: {@code GET
 * /api/v1/health/cameras} (everything the supervisor knows: state, since, last frame, fps, bitrate,
 * counters, last failure, next attempt; never credentials). Every role may read it. The list of
 * configured cameras, {@code GET /api/v1/cameras}, is {@link CameraConfigRoutes}'.
 */
public final class CameraRoutes implements RouteGroup {
    private final NodeStatus status;

    public CameraRoutes(NodeStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public List<Route> routes() {
        Access anyRoleFiltered = Access.anyRole().sites(new SiteRule.Filtered());
        return List.of(Route.get("/api/v1/health/cameras", anyRoleFiltered, this::health));
    }

    record CameraHealth(int total, long playing, List<CameraStatus> cameras) {}

    private ApiResponse health(ApiRequest request) {
        List<CameraStatus> cameras = visible(request);
        return ApiResponse.json(new CameraHealth(cameras.size(),
                cameras.stream().filter(c -> c.state().equals("playing")).count(), cameras));
    }

    private List<CameraStatus> visible(ApiRequest request) {
        Principal who = request.requirePrincipal();
        return status.cameras().stream()
                .filter(c -> who.scope().unlimited() || (c.site() != null && who.permits(SiteId.of(c.site()))))
                .toList();
    }
}
