package dev.vigil.api.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every route of the server, and the lookup from method and raw path to a route. Immutable and
 * thread-safe.
 *
 * <p>When several templates fit a path, the most specific wins: compared segment by segment from
 * the left, a literal beats a parameter ({@code /api/v1/health/cameras} before
 * {@code /api/v1/{x}/cameras}). A path some template fits but no route of the request's method
 * is a {@link Lookup.WrongMethod} listing the allowed methods (for 405 and {@code Allow}).
 */
public final class RouteTable {
    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @throws IllegalArgumentException if two routes have the same method and template
     */
    public static RouteTable of(Collection<RouteGroup> groups) {
        List<Route> all = new ArrayList<>();
        for (RouteGroup g : groups) {
            all.addAll(g.routes());
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).name().equals(all.get(j).name())) {
                    throw new IllegalArgumentException("route declared twice: " + all.get(i).name());
                }
            }
        }
        all.sort(Comparator.comparing((Route r) -> r.template().text()).thenComparing(r -> r.method().name()));
        return new RouteTable(all);
    }

    /** Every route, sorted by path then method. */
    public List<Route> routes() {
        return routes;
    }

    /** What a request's method and raw path lead to. */
    public sealed interface Lookup {
        /** The route and its decoded path parameters. */
        record Found(Route route, Map<String, String> params) implements Lookup {}

        /** No template fits the path. */
        record NotFound() implements Lookup {}

        /** Templates fit, but none with this method. */
        record WrongMethod(List<String> allowed) implements Lookup {}
    }

    /**
     * Finds the route for {@code method} and {@code rawPath} (the path before percent-decoding,
     * without the query).
     *
     * @throws FieldError if the best-fitting route's parameters have unacceptable values
     */
    public Lookup lookup(HttpMethod method, String rawPath) {
        List<String> segments = PathTemplate.split(rawPath);
        HttpMethod wanted = method.equals(HttpMethod.HEAD) ? HttpMethod.GET : method;
        Route best = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            if (!fits(r.template(), segments)) {
                continue;
            }
            allowed.add(r.method().name());
            if (r.method().equals(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD.name());
            }
            if (r.method().equals(wanted) && (best == null || moreSpecific(r.template(), best.template()))) {
                best = r;
            }
        }
        if (best != null) {
            return new Lookup.Found(best, Objects.requireNonNull(best.template().match(segments)));
        }
        return allowed.isEmpty() ? new Lookup.NotFound() : new Lookup.WrongMethod(List.copyOf(allowed));
    }

    private static boolean fits(PathTemplate t, List<String> segments) {
        if (t.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!t.isParam(i) && !t.segment(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean moreSpecific(PathTemplate a, PathTemplate b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.isParam(i) != b.isParam(i)) {
                return !a.isParam(i);
            }
        }
        return false;
    }
}
