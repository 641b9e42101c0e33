package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.Role;
import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.Transport;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.core.port.CameraProbe;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Cameras managed by integrators: {@code GET/POST /api/v1/config/cameras},
 * {@code GET/PUT/DELETE /api/v1/config/cameras/{id}}, and {@code POST /api/v1/cameras/{id}/test},
 * which runs what {@code ./vigil probe} runs against a managed camera and returns its report.
 * Admins and integrators only, within their sites. Every URL must pass the
 * {@link CameraHostPolicy} ({@code api.cameraNetworks}); the password is write-only: it is taken
 * in {@code password}, never returned ({@code hasPassword} says whether one is stored) and never
 * logged.
 */
public final class CameraConfigRoutes implements RouteGroup {
    /** Seconds a test listens once pictures come. */
    static final int TEST_SECONDS = 3;

    private final CameraDirectory directory;
    private final CameraHostPolicy hosts;
    private final CameraProbe probe;

    public CameraConfigRoutes(CameraDirectory directory, CameraHostPolicy hosts, CameraProbe probe) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public List<Route> routes() {
        Access config = Access.roles(Role.ADMIN, Role.INTEGRATOR);
        Access one = config.sites(new SiteRule.CameraParam("id"));
        return List.of(
                Route.get("/api/v1/config/cameras", config.sites(new SiteRule.Filtered()), this::list),
                Route.post("/api/v1/config/cameras", config.sites(new SiteRule.Filtered()), this::create),
                Route.get("/api/v1/config/cameras/{id}", one, r -> ApiResponse.json(CameraView.of(find(r.cameraParam("id"))))),
                Route.put("/api/v1/config/cameras/{id}", one, this::replace),
                Route.delete("/api/v1/config/cameras/{id}", one, this::delete),
                Route.post("/api/v1/cameras/{id}/test", one, this::test));
    }

    /** A camera as the API shows it: no password. */
    record CameraView(String id, String site, String name, CameraKind kind, String url, Transport transport,
            String username, boolean hasPassword, Double lat, Double lon, Double heading, Instant createdAt,
            Instant updatedAt) {
        static CameraView of(ManagedCamera c) {
            var l = c.location();
            return new CameraView(c.id().value(), c.site().value(), c.name(), c.kind(), c.url(), c.transport(),
                    c.username(), c.hasPassword(), l == null ? null : l.lat(), l == null ? null : l.lon(),
                    l == null ? null : l.heading(), c.createdAt(), c.updatedAt());
        }
    }

    record CameraList(List<CameraView> cameras) {}

    /**
     * The body of {@code POST} (with {@code id}) and {@code PUT} (without). {@code password} is
     * write-only; on {@code PUT} leaving it out keeps the stored one, and leaving out
     * {@code username} removes the login. {@link #toString()} leaves the password out.
     */
    public record CameraBody(String id, String site, String name, CameraKind kind, String url, Transport transport,
            String username, String password, Double lat, Double lon, Double heading) {
        public CameraBody {
            if (password != null && (password.isEmpty() || password.length() > 500
                    || password.chars().anyMatch(Character::isISOControl))) {
                throw new FieldError("password", "password: 1-500 characters without control characters");
            }
            if (password != null && username == null) {
                throw new FieldError("username", "username: required with a password");
            }
        }

        @Override
        public String toString() {
            return "CameraBody[" + id + ", site " + site + ", " + url + ", user " + username + ", password "
                    + (password == null ? "none" : "given") + "]";
        }
    }

    private ApiResponse list(ApiRequest request) {
        Principal who = request.requirePrincipal();
        return ApiResponse.json(new CameraList(directory.cameras().stream().filter(c -> who.permits(c.site()))
                .map(CameraView::of).toList()));
    }

    private ApiResponse create(ApiRequest request) {
        CameraBody body = request.body(CameraBody.class);
        if (body.id() == null) {
            throw new FieldError("id", "id: required");
        }
        ManagedCamera camera = camera(Fields.cameraId("id", body.id()), body, request.receivedAt(), request);
        directory.createCamera(camera, body.password());
        return ApiResponse.json(201, CameraView.of(find(camera.id())))
                .withHeader("Location", "/api/v1/config/cameras/" + camera.id());
    }

    private ApiResponse replace(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        CameraBody body = request.body(CameraBody.class);
        if (body.id() != null && !body.id().equals(id.value())) {
            throw new FieldError("id", "id: the path names camera " + id + "; leave id out or give the same");
        }
        ManagedCamera old = find(id);
        ManagedCamera camera = camera(id, body, old.createdAt(), request);
        camera = new ManagedCamera(camera.id(), camera.site(), camera.name(), camera.kind(), camera.url(),
                camera.transport(), camera.username(), false, camera.location(), old.createdAt(), request.receivedAt());
        directory.updateCamera(camera, body.password());
        return ApiResponse.json(CameraView.of(find(id)));
    }

    private ApiResponse delete(ApiRequest request) {
        CameraId id = request.cameraParam("id");
        if (!directory.deleteCamera(id)) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no camera " + id + " among those managed through the API");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse test(ApiRequest request) {
        ManagedCamera camera = find(request.cameraParam("id"));
        hosts.check(camera.url());
        String password = camera.username() == null ? null : directory.password(camera.id()).orElse(null);
        return ApiResponse.json(probe.probe(camera.url(), camera.transport(), camera.username(), password,
                TEST_SECONDS));
    }

    private ManagedCamera find(CameraId id) {
        return directory.camera(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no camera " + id
                + " among those managed through the API"));
    }

    private ManagedCamera camera(CameraId id, CameraBody body, Instant createdAt, ApiRequest request) {
        if (body.site() == null) {
            throw new FieldError("site", "site: required");
        }
        SiteId site = Fields.siteId("site", body.site());
        request.requirePrincipal().requireSite(site, "site " + site);
        try {
            ManagedCamera.requireUrl(body.url());
        } catch (VigilException e) {
            throw new FieldError("url", e.getMessage());
        }
        hosts.check(body.url());
        try {
            return new ManagedCamera(id, site, body.name() == null ? id.value() : body.name(),
                    body.kind() == null ? CameraKind.SECURITY : body.kind(), body.url(),
                    body.transport() == null ? Transport.AUTO : body.transport(), body.username(), false,
                    Fields.location(body.lat(), body.lon(), body.heading()), createdAt, request.receivedAt());
        } catch (FieldError e) {
            throw e;
        } catch (VigilException e) {
            String m = e.getMessage();
            throw new FieldError(m.startsWith("username") ? "username" : "name", m);
        }
    }
}
