package dev.vigil.api.http;

import java.util.List;

/** The routes of one resource (cameras, tokens, exports...): one class per resource implements this. */
@FunctionalInterface
public interface RouteGroup {
    List<Route> routes();
}
