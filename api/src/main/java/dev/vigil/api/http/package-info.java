/**
 * The API's HTTP framework on Netty. A route is a method, a path template, an
 * {@link dev.vigil.api.auth.Access} and a {@link dev.vigil.api.http.Handler}; routes come in
 * {@link dev.vigil.api.http.RouteGroup}s, one class per resource, collected into a
 * {@link dev.vigil.api.http.RouteTable} and served by {@link dev.vigil.api.http.ApiServer}.
 *
 * <h2>Writing a route</h2>
 * <pre>{@code
 * public final class PlaybackRoutes implements RouteGroup {
 *     public List<Route> routes() {
 *         return List.of(Route.get("/api/v1/cameras/{id}/playback",
 *                 Access.roles(Role.ADMIN, Role.POLICE).reasonFrom(Role.POLICE)
 *                         .sites(new SiteRule.CameraParam("id")).allowQueryToken(),
 *                 this::play));
 *     }
 *
 *     private ApiResponse play(ApiRequest request) {
 *         CameraId camera = request.cameraParam("id");              // 400 naming "id" if malformed
 *         Instant from = request.queryInstant("from").orElseThrow(...);
 *         audit.append(request.auditEvent(AuditAction.PLAYBACK, camera, from, to, null));
 *         return ApiResponse.resource(stitchedMp4);                   // Range, If-Range, 206, 416, HEAD
 *     }
 * }
 * }</pre>
 *
 * <h2>A request's path</h2>
 * <ol>
 * <li>Event loop: Netty decodes it within the limits of {@code api.limits} (request line 4 KiB,
 *     headers {@code maxHeaderBytes} else 431, body {@code maxBodyBytes} else 413, the whole request
 *     within {@code readTimeoutSeconds} else 408); the {@link dev.vigil.api.http.RouteTable} finds
 *     the route (404; 405 with {@code Allow}; 400 for a path parameter that is empty, too long,
 *     {@code .}/{@code ..} or holds {@code /}, {@code \} or control characters). The body is
 *     copied and Netty's buffers released.
 * <li>Worker thread: {@code RequestAuthorizer} checks the bearer token (401 with
 *     {@code WWW-Authenticate}), the rate per token (429 with {@code Retry-After}), the role (403),
 *     the stated reason where the route requires one of the caller's role (400 naming
 *     {@code X-Vigil-Reason}), and the {@link dev.vigil.api.auth.SiteRule} (403). Then the
 *     handler runs with an {@link dev.vigil.api.http.ApiRequest} carrying the
 *     {@link dev.vigil.api.auth.Principal} (token id, role, site scope) and the reason.
 * <li>The handler returns an {@link dev.vigil.api.http.ApiResponse} (JSON, bytes, a
 *     {@link dev.vigil.api.http.SizedResource} with range support, or a chunked
 *     {@link dev.vigil.api.http.BodyWriter} stream) or throws a
 *     {@link dev.vigil.core.error.VigilException}; {@link dev.vigil.api.http.ApiError} turns the
 *     error kind into the status (the one mapping) and the body {@code {code, message, details}}.
 *     A {@link dev.vigil.api.http.FieldError} adds {@code details.field}. Anything else thrown is
 *     a 500 with a generic message and the request id; never a stack trace.
 * <li>Answer written (streams wait for a slow client up to {@code writeTimeoutSeconds}), then
 *     {@code vigil_http_request_duration_seconds{route,method,status}} counts it, then the
 *     connection reads its next request (one at a time, so pipelined answers keep their order).
 * </ol>
 *
 * <h2>Conventions</h2>
 * JSON bodies are read strictly by {@link dev.vigil.api.http.JsonCodec} (unknown fields, duplicate
 * keys, trailing data, wrong types are 400s naming the field; a non-JSON Content-Type is 415);
 * body types are records validated in their compact constructors, throwing
 * {@link dev.vigil.api.http.FieldError}. Times are ISO-8601 UTC. Police and other roles that a
 * route lists in {@link dev.vigil.api.auth.Access#reasonFrom} state a reason in the
 * {@code X-Vigil-Reason} header or the {@code reason} query parameter; every playback, download
 * and export appends {@link dev.vigil.api.http.ApiRequest#auditEvent} to the
 * {@link dev.vigil.core.port.AuditLog} before sending a byte. Every route must also appear in
 * {@code api/src/main/resources/openapi.json} with the same roles in {@code x-vigil-roles}
 * (tested).
 */
package dev.vigil.api.http;
