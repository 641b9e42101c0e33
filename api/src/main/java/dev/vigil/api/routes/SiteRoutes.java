package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigWrite;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.CameraDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Sites: every role lists ({@code GET /api/v1/sites}, narrowed to the token's sites) and reads
 * them ({@code GET /api/v1/sites/{id}}, with its version as {@code ETag}); admins and integrators
 * change them ({@code PUT}, optionally {@code If-Match}) and read their history
 * ({@code GET /api/v1/sites/{id}/history}); only tokens without a site limit create and delete
 * sites (a site-limited token could not see what it made). A site with cameras is not deleted (409).
 */
public final class SiteRoutes implements RouteGroup {
    private final CameraDirectory directory;

    public SiteRoutes(CameraDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public List<Route> routes() {
        Access writers = Access.roles(ConfigRoutes.WRITERS);
        return List.of(
                Route.get("/api/v1/sites", Access.anyRole().sites(new SiteRule.Filtered()), this::list),
                Route.post("/api/v1/sites", writers.sites(new SiteRule.Unscoped()), this::create),
                Route.get("/api/v1/sites/{id}", Access.anyRole().sites(new SiteRule.SiteParam("id")), this::read),
                Route.put("/api/v1/sites/{id}", writers.sites(new SiteRule.SiteParam("id")), this::update),
                Route.delete("/api/v1/sites/{id}", writers.sites(new SiteRule.Unscoped()), this::delete),
                Route.get("/api/v1/sites/{id}/history", writers.sites(new SiteRule.SiteParam("id")), this::history));
    }

    /** A site as the API shows it. */
    record SiteView(SiteConfig config, ConfigOrigin origin, int version, Instant updatedAt,
            ConfigAuthor updatedBy) {
        static SiteView of(SiteEntry e) {
            return new SiteView(e.config(), e.origin(), e.version(), e.updatedAt(), e.updatedBy());
        }
    }

    record SiteList(List<SiteView> sites) {}

    /** The answer to a write. */
    record SiteWritten(SiteView site, String deleted, ConfigRoutes.Applied applied) {
        static SiteWritten of(ConfigWrite<SiteEntry> w, String deleted) {
            return new SiteWritten(w.entry() == null ? null : SiteView.of(w.entry()), deleted,
                    new ConfigRoutes.Applied(w.version(), w.version() != null, w.restarted(), w.problems()));
        }
    }

    private ApiResponse list(ApiRequest request) {
        Principal who = request.requirePrincipal();
        return ApiResponse.json(new SiteList(directory.sites().stream()
                .filter(s -> who.permits(SiteId.of(s.id()))).map(SiteView::of).toList()));
    }

    private ApiResponse read(ApiRequest request) {
        SiteEntry site = find(request.siteParam("id"));
        return ApiResponse.json(SiteView.of(site)).withHeader("ETag", ConfigRoutes.etag(site.version()));
    }

    private ApiResponse create(ApiRequest request) {
        SiteConfig body = request.body(SiteConfig.class);
        ConfigWrite<SiteEntry> w = directory.createSite(body, ConfigRoutes.author(request));
        return ApiResponse.json(201, SiteWritten.of(w, null)).withHeader("Location", "/api/v1/sites/" + body.id())
                .withHeader("ETag", ConfigRoutes.etag(w.entry().version()));
    }

    private ApiResponse update(ApiRequest request) {
        SiteId id = request.siteParam("id");
        SiteConfig body = request.body(SiteConfig.class);
        if (body.id() != null && !body.id().equals(id.value())) {
            throw new FieldError("id", "id: must be the path's site id '" + id + "' or left out; a site is not renamed");
        }
        SiteConfig site = new SiteConfig(id.value(), body.name(), body.location(), body.timeZone());
        ConfigWrite<SiteEntry> w = directory.updateSite(site, ConfigRoutes.ifMatch(request),
                ConfigRoutes.author(request));
        return ApiResponse.json(SiteWritten.of(w, null)).withHeader("ETag", ConfigRoutes.etag(w.entry().version()));
    }

    private ApiResponse delete(ApiRequest request) {
        SiteId id = request.siteParam("id");
        ConfigWrite<SiteEntry> w = directory.deleteSite(id.value(), ConfigRoutes.ifMatch(request),
                ConfigRoutes.author(request));
        return ApiResponse.json(SiteWritten.of(w, id.value()));
    }

    private ApiResponse history(ApiRequest request) {
        SiteId id = request.siteParam("id");
        int[] page = ConfigRoutes.page(request);
        var versions = directory.history(ConfigSubject.site(id.value()), page[0], page[1]);
        if (versions.isEmpty() && directory.site(id.value()).isEmpty() && page[0] == Integer.MAX_VALUE) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no site " + id);
        }
        return ApiResponse.json(ConfigRoutes.History.of(versions, page[1]));
    }

    private SiteEntry find(SiteId id) {
        return directory.site(id.value()).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no site " + id));
    }
}
