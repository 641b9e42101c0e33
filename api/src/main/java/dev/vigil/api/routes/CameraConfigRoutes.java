package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.ConfigWrite;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.core.port.CameraProbe;
import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cameras as integrators manage them. Every role lists ({@code GET /api/v1/cameras}, narrowed to
 * the token's sites) and reads them ({@code GET /api/v1/cameras/{id}}, {@code .../analytics});
 * admins and integrators create ({@code POST}), replace ({@code PUT}), delete, replace only the
 * analytics (zones, lines, rules: {@code PUT .../analytics}), read the history
 * ({@code GET .../history}) and test the stream ({@code POST .../test?seconds=N}, 1-10, default 3).
 *
 * <p>Site scopes: a site-limited token reaches only cameras at its sites, and may create a camera,
 * or move one, only to its sites. Credentials (a user name and the name of the variable holding
 * the password; the API never takes or gives a password) are shown to admins and integrators only.
 * Writes answer the camera, the version made and what the running engine restarted; they take an
 * optional {@code If-Match} with the version {@code ETag} gave (409 when it moved on).
 */
public final class CameraConfigRoutes implements RouteGroup {
    static final int DEFAULT_TEST_SECONDS = 3;
    static final int MAX_TEST_SECONDS = 10;

    private final CameraDirectory directory;
    private final NodeStatus status;
    private final CameraProbe probe;

    public CameraConfigRoutes(CameraDirectory directory, NodeStatus status, CameraProbe probe) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.status = Objects.requireNonNull(status, "status");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public List<Route> routes() {
        Access readers = Access.anyRole().sites(new SiteRule.CameraParam("id"));
        Access writers = Access.roles(ConfigRoutes.WRITERS).sites(new SiteRule.CameraParam("id"));
        return List.of(
                Route.get("/api/v1/cameras", Access.anyRole().sites(new SiteRule.Filtered()), this::list),
                Route.post("/api/v1/cameras", Access.roles(ConfigRoutes.WRITERS).sites(new SiteRule.Filtered()),
                        this::create),
                Route.get("/api/v1/cameras/{id}", readers, this::read),
                Route.put("/api/v1/cameras/{id}", writers, this::update),
                Route.delete("/api/v1/cameras/{id}", writers, this::delete),
                Route.get("/api/v1/cameras/{id}/analytics", readers, this::readAnalytics),
                Route.put("/api/v1/cameras/{id}/analytics", writers, this::updateAnalytics),
                Route.get("/api/v1/cameras/{id}/history", writers, this::history),
                Route.post("/api/v1/cameras/{id}/test", writers, this::test));
    }

    /** One camera in the list: {@code state} is the ingest state, {@code disabled} or {@code not_running}. */
    record CameraSummary(String camera, String site, String name, String kind, boolean enabled, ConfigOrigin origin,
            int version, String state) {}

    record CameraList(List<CameraSummary> cameras) {}

    /** A camera as the API shows it; {@code config.credentials} only to admins and integrators. */
    record CameraView(CameraConfig config, ConfigOrigin origin, int version, Instant updatedAt,
            ConfigAuthor updatedBy,
            String state) {}

    /** The answer to a write. */
    record CameraWritten(CameraView camera, String deleted, ConfigRoutes.Applied applied) {}

    private ApiResponse list(ApiRequest request) {
        Principal who = request.requirePrincipal();
        Map<String, String> states = states();
        List<CameraSummary> out = directory.cameras().stream()
                .filter(c -> who.permits(SiteId.of(c.config().site())))
                .map(c -> new CameraSummary(c.id(), c.config().site(), c.config().name(),
                        dev.vigil.core.directory.ConfigJson.tree(c.config().kind()).asText(), c.config().enabled(),
                        c.origin(), c.version(), state(c, states)))
                .toList();
        return ApiResponse.json(new CameraList(out));
    }

    private ApiResponse read(ApiRequest request) {
        CameraEntry camera = find(request.cameraParam("id"));
        return ApiResponse.json(view(request, camera, states())).withHeader("ETag", ConfigRoutes.etag(camera.version()));
    }

    private ApiResponse readAnalytics(ApiRequest request) {
        CameraEntry camera = find(request.cameraParam("id"));
        return ApiResponse.json(camera.config().analytics()).withHeader("ETag", ConfigRoutes.etag(camera.version()));
    }

    private ApiResponse create(ApiRequest request) {
        CameraConfig body = request.body(CameraConfig.class);
        requireSite(request, body.site());
        ConfigWrite<CameraEntry> w = directory.createCamera(body, ConfigRoutes.author(request));
        return ApiResponse.json(201, written(request, w, null)).withHeader("Location", "/api/v1/cameras/" + body.id())
                .withHeader("ETag", ConfigRoutes.etag(w.entry().version()));
    }

    private ApiResponse update(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        CameraConfig body = request.body(CameraConfig.class);
        if (body.id() != null && !body.id().equals(id.value())) {
            throw new FieldError("id", "id: must be the path's camera id '" + id + "' or left out; to rename a camera,"
                    + " create the new one and delete the old");
        }
        requireSite(request, body.site());
        CameraConfig camera = new CameraConfig(id.value(), body.site(), body.name(), body.kind(), body.url(), body.detectUrl(), body.transport(), body.credentials(),
                body.location(), body.record(), body.analytics(), body.enabled(), body.quirk(), body.onvif());
        ConfigWrite<CameraEntry> w = directory.updateCamera(camera, ConfigRoutes.ifMatch(request),
                ConfigRoutes.author(request));
        return ApiResponse.json(written(request, w, null)).withHeader("ETag", ConfigRoutes.etag(w.entry().version()));
    }

    private ApiResponse updateAnalytics(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        AnalyticsConfig body = request.body(AnalyticsConfig.class);
        ConfigWrite<CameraEntry> w = directory.updateAnalytics(id.value(), body, ConfigRoutes.ifMatch(request),
                ConfigRoutes.author(request));
        return ApiResponse.json(written(request, w, null)).withHeader("ETag", ConfigRoutes.etag(w.entry().version()));
    }

    private ApiResponse delete(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        ConfigWrite<CameraEntry> w = directory.deleteCamera(id.value(), ConfigRoutes.ifMatch(request),
                ConfigRoutes.author(request));
        return ApiResponse.json(written(request, w, id.value()));
    }

    private ApiResponse history(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        int[] page = ConfigRoutes.page(request);
        List<ConfigVersion> versions = directory.history(ConfigSubject.camera(id.value()), page[0], page[1]);
        if (versions.isEmpty() && directory.camera(id.value()).isEmpty() && page[0] == Integer.MAX_VALUE) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no camera " + id);
        }
        return ApiResponse.json(ConfigRoutes.History.of(versions, page[1]));
    }

    private ApiResponse test(ApiRequest request) {
        CameraEntry camera = find(request.cameraParam("id"));
        int seconds = request.queryLong("seconds", 1, MAX_TEST_SECONDS).orElse((long) DEFAULT_TEST_SECONDS).intValue();
        return ApiResponse.json(probe.probe(camera.config(), Duration.ofSeconds(seconds)));
    }

    /** A site-limited token may put cameras only at its own sites. */
    private static void requireSite(ApiRequest request, String site) {
        if (site != null && !request.requirePrincipal().scope().unlimited()) {
            SiteId id;
            try {
                id = SiteId.of(site);
            } catch (VigilException e) {
                throw new FieldError("site", "site: " + e.getMessage());
            }
            request.requirePrincipal().requireSite(id, "site " + id);
        }
    }

    private CameraEntry find(CameraId id) {
        return directory.camera(id.value()).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND,
                "no camera " + id));
    }

    private CameraWritten written(ApiRequest request, ConfigWrite<CameraEntry> w, String deleted) {
        return new CameraWritten(w.entry() == null ? null : view(request, w.entry(), states()), deleted,
                new ConfigRoutes.Applied(w.version(), w.version() != null, w.restarted(), w.problems()));
    }

    private static CameraView view(ApiRequest request, CameraEntry e, Map<String, String> states) {
        CameraConfig c = e.config();
        if (!ConfigRoutes.SEE_CREDENTIALS.contains(request.requirePrincipal().role())) {
            c = new CameraConfig(c.id(), c.site(), c.name(), c.kind(), c.url(), c.detectUrl(), c.transport(), null,
                    c.location(), c.record(), c.analytics(), c.enabled(), c.quirk(), c.onvif());
        }
        return new CameraView(c, e.origin(), e.version(), e.updatedAt(), e.updatedBy(), state(e, states));
    }

    private Map<String, String> states() {
        Map<String, String> out = new HashMap<>();
        for (CameraStatus s : status.cameras()) {
            out.put(s.camera(), s.state());
        }
        return out;
    }

    private static String state(CameraEntry e, Map<String, String> states) {
        if (!Boolean.TRUE.equals(e.config().enabled())) {
            return "disabled";
        }
        return states.getOrDefault(e.id(), "not_running");
    }
}
