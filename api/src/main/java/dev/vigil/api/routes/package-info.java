/**
 * The route classes, one per resource, each a {@link dev.vigil.api.http.RouteGroup}:
 * {@link dev.vigil.api.routes.OperationsRoutes} ({@code /healthz}, {@code /readyz},
 * {@code /metrics}), {@link dev.vigil.api.routes.OpenApiRoute},
 * {@link dev.vigil.api.routes.CameraRoutes}, {@link dev.vigil.api.routes.TokenRoutes},
 * {@link dev.vigil.api.routes.AuditRoutes}; {@link dev.vigil.api.routes.StandardRoutes} lists them.
 */
package dev.vigil.api.routes;
