package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.SizedResource;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.Role;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.EvidenceExports;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence export jobs:
 * <ul>
 *   <li>{@code POST /api/v1/exports} {@code {"camera", "from", "to", "reason"}}: queues a job (202,
 *       {@code Location} of the job); the reason (e.g. a case number) goes into the signed manifest;
 *   <li>{@code GET /api/v1/exports/{id}}: state ({@code queued}, {@code running}, {@code done},
 *       {@code failed}, {@code expired}, {@code deleted}), progress 0..1, and when done the files
 *       with their size, SHA-256 and download URL; when failed the error's code and message; when
 *       expired or deleted, when ({@code expiredAt}/{@code deletedAt}) and the files it had, without URLs;
 *   <li>{@code GET /api/v1/exports/{id}/files/{name}}: a file (MP4 part, manifest, signature), with
 *       range requests; {@code ?access_token=} and {@code ?reason=} allowed for browser downloads;
 *       410 once the job expired or was deleted;
 *   <li>{@code DELETE /api/v1/exports/{id}}: deletes a done job's files at once (200 with the job,
 *       now {@code deleted}); 409 while queued or running; a job already expired, deleted or failed
 *       is answered as it stands;
 *   <li>{@code GET /api/v1/exports/signing-key}: the node's Ed25519 public key (PEM) that signs the
 *       manifests, with {@code X-Vigil-Key-Id}; open, since verifying needs it and it is public.
 * </ul>
 * Roles: admin and police (with a stated reason); operators play back but do not export. A
 * site-limited token reaches only jobs of its sites' cameras. Deleting needs a stated reason from
 * admin and police alike (destroying evidence is always explained). Every export is audited
 * ({@code export}, before the job can start), every download once per viewing ({@code download}),
 * every deletion that removes files ({@code export_delete}, before anything is removed); a job's
 * status is not.
 */
public final class ExportRoutes implements RouteGroup {
    private final EvidenceExports exports;
    private final AuditLog audit;
    private final CameraSites sites;
    private final ViewingAudit downloads;

    public ExportRoutes(EvidenceExports exports, AuditLog audit, CameraSites sites) {
        this.exports = Objects.requireNonNull(exports, "exports");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.downloads = new ViewingAudit(audit);
    }

    @Override
    public List<Route> routes() {
        Access access = Access.roles(Role.ADMIN, Role.POLICE).reasonFrom(Role.POLICE).sites(new SiteRule.Filtered());
        return List.of(
                Route.post("/api/v1/exports", access, this::submit),
                Route.get("/api/v1/exports/signing-key", Access.open(), r -> ApiResponse.text(
                        "application/x-pem-file", exports.signingKeyPem()).withHeader("X-Vigil-Key-Id",
                        exports.signingKeyId())),
                Route.get("/api/v1/exports/{id}", access, this::status),
                Route.delete("/api/v1/exports/{id}", Access.roles(Role.ADMIN, Role.POLICE)
                        .reasonFrom(Role.ADMIN, Role.POLICE).sites(new SiteRule.Filtered()), this::delete),
                Route.get("/api/v1/exports/{id}/files/{name}", access.allowQueryToken(), this::download));
    }

    /** The POST body. */
    record ExportBody(String camera, Instant from, Instant to, String reason) {}

    record FileView(String name, String kind, long bytes, String sha256, String url) {}

    record ErrorView(String code, String message) {}

    record JobView(String id, String camera, Instant from, Instant to, String requestedBy, String reason, String state,
            double progress, Instant createdAt, Instant finishedAt, List<FileView> files, ErrorView error,
            String signingKeyId, Instant expiredAt, Instant deletedAt) {}

    private ApiResponse submit(ApiRequest request) {
        ExportBody body = request.body(ExportBody.class);
        CameraId camera;
        try {
            camera = CameraId.of(require(body.camera(), "camera"));
        } catch (VigilException e) {
            throw e instanceof FieldError f ? f : new FieldError("camera", "camera: " + e.getMessage());
        }
        Instant from = require(body.from(), "from");
        Instant to = require(body.to(), "to");
        if (!to.isAfter(from)) {
            throw new FieldError("to", "to (" + to + ") must be after from (" + from + ")");
        }
        String reason = require(body.reason(), "reason");
        Principal who = request.requirePrincipal();
        who.requireSite(sites.siteOf(camera).orElse(null), "camera " + camera);
        ExportOrder order;
        try {
            order = new ExportOrder(camera, TimeRange.of(from, to), who.name() + " (token " + who.tokenId() + ")",
                    reason);
        } catch (VigilException e) {
            throw new FieldError(e.getMessage().startsWith("reason") ? "reason" : "to", e.getMessage());
        }
        ExportJob job = exports.submit(order, queued -> audit.append(request.auditEvent(AuditAction.EXPORT, camera,
                from, to, "export job " + queued.id())));
        return new ApiResponse.Json(202, view(job), java.util.Map.of("Location", "/api/v1/exports/" + job.id()));
    }

    private ApiResponse status(ApiRequest request) {
        return ApiResponse.json(view(visibleJob(request)));
    }

    private ApiResponse delete(ApiRequest request) {
        ExportJob job = visibleJob(request);
        ExportJob after = exports.delete(job.id(), done -> audit.append(request.auditEvent(AuditAction.EXPORT_DELETE,
                done.order().camera(), done.order().range().start(), done.order().range().end(),
                "export job " + done.id() + " (" + done.files().size() + " files)")));
        return ApiResponse.json(view(after));
    }

    private ApiResponse download(ApiRequest request) {
        ExportJob job = visibleJob(request);
        String name = request.pathParam("name");
        ExportDownload download = exports.download(job.id(), name);
        downloads.record(request, AuditAction.DOWNLOAD, job.order().camera(), job.order().range().start(),
                job.order().range().end(), "export job " + job.id() + " file " + download.file().name());
        ExportFile file = download.file();
        return ApiResponse.resource(new SizedResource() {
            @Override
            public long size() {
                return file.bytes();
            }

            @Override
            public String contentType() {
                return file.kind().contentType();
            }

            @Override
            public String etag() {
                return "\"sha256-" + file.sha256() + "\"";
            }

            @Override
            public InputStream open(long offset, long length) {
                return download.open(offset, length);
            }
        }).withHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
    }

    /** The job of the path's id, if the token may see its camera; else NOT_FOUND or PERMISSION_DENIED. */
    private ExportJob visibleJob(ApiRequest request) {
        String id = request.pathParam("id");
        try {
            ExportJob.checkId(id);
        } catch (VigilException e) {
            throw new FieldError("id", "path parameter 'id': " + e.getMessage());
        }
        ExportJob job = exports.find(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no export job "
                + id));
        request.requirePrincipal().requireSite(sites.siteOf(job.order().camera()).orElse(null),
                "the camera " + job.order().camera() + " of export job " + id);
        return job;
    }

    private JobView view(ExportJob job) {
        String base = "/api/v1/exports/" + job.id();
        boolean stored = job.state() == ExportJob.State.DONE;
        List<FileView> files = job.files().stream().map(f -> new FileView(f.name(), f.kind().label(), f.bytes(),
                f.sha256(), stored ? base + "/files/" + f.name() : null)).toList();
        return new JobView(job.id(), job.order().camera().value(), job.order().range().start(),
                job.order().range().end(), job.order().requestedBy(), job.order().reason(), job.state().label(),
                job.progress(), job.createdAt(), job.finishedAt(), files,
                job.error() == null ? null : new ErrorView(job.error().name().toLowerCase(java.util.Locale.ROOT),
                        job.errorMessage()), exports.signingKeyId(),
                job.state() == ExportJob.State.EXPIRED ? job.removedAt() : null,
                job.state() == ExportJob.State.DELETED ? job.removedAt() : null);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new FieldError(field, field + " is required");
        }
        return value;
    }
}
