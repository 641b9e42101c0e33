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
import dev.vigil.core.directory.ManagedSite;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.CameraDirectory;
import java.util.List;
import java.util.Objects;

/**
 * Sites managed by integrators: {@code GET/POST /api/v1/config/sites},
 * {@code GET/PUT/DELETE /api/v1/config/sites/{id}}. Admins and integrators only; a site-limited
 * token sees and changes only its sites and cannot create new ones.
 */
public final class SiteRoutes implements RouteGroup {
    private final CameraDirectory directory;

    public SiteRoutes(CameraDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public List<Route> routes() {
        Access config = Access.roles(Role.ADMIN, Role.INTEGRATOR);
        Access one = config.sites(new SiteRule.SiteParam("id"));
        return List.of(
                Route.get("/api/v1/config/sites", config.sites(new SiteRule.Filtered()), this::list),
                Route.post("/api/v1/config/sites", config.sites(new SiteRule.Unscoped()), this::create),
                Route.get("/api/v1/config/sites/{id}", one, r -> ApiResponse.json(SiteView.of(find(r.siteParam("id"))))),
                Route.put("/api/v1/config/sites/{id}", one, this::replace),
                Route.delete("/api/v1/config/sites/{id}", one, this::delete));
    }

    /** A site as the API shows it. */
    record SiteView(String id, String name, Double lat, Double lon) {
        static SiteView of(ManagedSite s) {
            return new SiteView(s.id().value(), s.name(), s.location() == null ? null : s.location().lat(),
                    s.location() == null ? null : s.location().lon());
        }
    }

    record SiteList(List<SiteView> sites) {}

    /** The body of {@code POST} (with {@code id}) and {@code PUT} (without). */
    public record SiteBody(String id, String name, Double lat, Double lon) {}

    private ApiResponse list(ApiRequest request) {
        Principal who = request.requirePrincipal();
        return ApiResponse.json(new SiteList(directory.sites().stream().filter(s -> who.permits(s.id()))
                .map(SiteView::of).toList()));
    }

    private ApiResponse create(ApiRequest request) {
        SiteBody body = request.body(SiteBody.class);
        if (body.id() == null) {
            throw new FieldError("id", "id: required");
        }
        ManagedSite site = site(Fields.siteId("id", body.id()), body);
        if (directory.site(site.id()).isPresent()) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "site " + site.id() + " exists already");
        }
        directory.putSite(site);
        return ApiResponse.json(201, SiteView.of(site)).withHeader("Location", "/api/v1/config/sites/" + site.id());
    }

    private ApiResponse replace(ApiRequest request) {
        SiteId id = request.siteParam("id");
        SiteBody body = request.body(SiteBody.class);
        if (body.id() != null && !body.id().equals(id.value())) {
            throw new FieldError("id", "id: the path names site " + id + "; leave id out or give the same");
        }
        find(id);
        ManagedSite site = site(id, body);
        directory.putSite(site);
        return ApiResponse.json(SiteView.of(site));
    }

    private ApiResponse delete(ApiRequest request) {
        SiteId id = request.siteParam("id");
        if (!directory.deleteSite(id)) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no site " + id);
        }
        return ApiResponse.noContent();
    }

    private ManagedSite find(SiteId id) {
        return directory.site(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no site " + id));
    }

    private static ManagedSite site(SiteId id, SiteBody body) {
        GeoPoint location = Fields.location(body.lat(), body.lon(), null);
        try {
            return new ManagedSite(id, body.name() == null ? id.value() : body.name(), location);
        } catch (VigilException e) {
            throw new FieldError("name", e.getMessage());
        }
    }
}
