package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.Role;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.RecordingSearch;
import dev.vigil.core.search.CameraCoverage;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import dev.vigil.core.search.SearchArea;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recording search by time window and place: which cameras recorded there, each with its covered
 * spans and gaps, and the playback URL of the window.
 * <ul>
 *   <li>{@code GET /api/v1/recordings/search?from=T1&to=T2&lat=..&lon=..&radius=M[&kind=K]}, or
 *       {@code &box=minLat,minLon,maxLat,maxLon}, or {@code &polygon=lat,lon;lat,lon;lat,lon;...};
 *   <li>{@code POST /api/v1/recordings/search} with {@code {"from", "to", "area": {"type":
 *       "circle", "lat", "lon", "radiusMetres"} | {"type": "box", "minLat", "minLon", "maxLat",
 *       "maxLon"} | {"type": "polygon", "points": [{"lat", "lon"}, ...]}, "kind"}}.
 * </ul>
 * Roles: admin, police (with a stated reason) and operator; site-limited tokens see only their
 * sites' cameras. Every search is audited ({@code search}, with the window and the area).
 */
public final class RecordingSearchRoutes implements RouteGroup {
    private final RecordingSearch search;
    private final AuditLog audit;

    public RecordingSearchRoutes(RecordingSearch search, AuditLog audit) {
        this.search = Objects.requireNonNull(search, "search");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Who may search and play back recordings: admin, police with a reason, operator. */
    static Access viewers() {
        return Access.roles(Role.ADMIN, Role.POLICE, Role.OPERATOR).reasonFrom(Role.POLICE);
    }

    @Override
    public List<Route> routes() {
        Access access = viewers().sites(new SiteRule.Filtered());
        return List.of(
                Route.get("/api/v1/recordings/search", access, this::searchByQuery),
                Route.post("/api/v1/recordings/search", access, this::searchByBody));
    }

    /** The POST body. */
    record SearchBody(Instant from, Instant to, AreaBody area, CameraKind kind) {}

    /** An area in the POST body: the fields of its {@code type}. */
    record AreaBody(String type, Double lat, Double lon, Double radiusMetres, Double minLat, Double minLon,
            Double maxLat, Double maxLon, List<PointBody> points) {}

    record PointBody(Double lat, Double lon) {}

    /** A span of time in answers. */
    record Span(Instant from, Instant to) {
        static List<Span> of(List<TimeRange> ranges) {
            return ranges.stream().map(r -> new Span(r.start(), r.end())).toList();
        }
    }

    record Location(double lat, double lon, Double heading) {}

    record CameraHit(String camera, String name, String site, CameraKind kind, Location location,
            Double distanceMetres, List<Span> covered, List<Span> gaps, String playback) {}

    record SearchAnswer(Instant from, Instant to, String area, CameraKind kind, List<CameraHit> cameras) {}

    private ApiResponse searchByQuery(ApiRequest request) {
        Instant from = request.queryInstant("from").orElseThrow(() -> new FieldError("from", "query parameter 'from' is required"));
        Instant to = request.queryInstant("to").orElseThrow(() -> new FieldError("to", "query parameter 'to' is required"));
        CameraKind kind = request.query("kind").map(k -> kind(k, "kind")).orElse(null);
        SearchArea area;
        boolean circle = request.query("lat").isPresent() || request.query("lon").isPresent()
                || request.query("radius").isPresent();
        int given = (circle ? 1 : 0) + (request.query("box").isPresent() ? 1 : 0)
                + (request.query("polygon").isPresent() ? 1 : 0);
        if (given != 1) {
            throw new FieldError("area", "give exactly one area: lat, lon and radius (metres), or box, or polygon");
        }
        if (circle) {
            GeoPoint centre = point(number(request, "lat"), number(request, "lon"), "lat", "lon");
            double radius = number(request, "radius");
            area = field("radius", () -> new SearchArea.Circle(centre, radius));
        } else if (request.query("box").isPresent()) {
            double[] b = numbers(request.query("box").get(), "box", 4);
            area = field("box", () -> SearchArea.Box.of(b[0], b[1], b[2], b[3]));
        } else {
            List<GeoPoint> points = new ArrayList<>();
            for (String pair : request.query("polygon").get().split(";", -1)) {
                double[] p = numbers(pair, "polygon", 2);
                points.add(point(p[0], p[1], "polygon", "polygon"));
            }
            area = field("polygon", () -> new SearchArea.Polygon(points));
        }
        return run(request, from, to, area, kind);
    }

    private ApiResponse searchByBody(ApiRequest request) {
        SearchBody body = request.body(SearchBody.class);
        Instant from = require(body.from(), "from");
        Instant to = require(body.to(), "to");
        AreaBody a = require(body.area(), "area");
        String type = require(a.type(), "area.type");
        SearchArea area = switch (type) {
            case "circle" -> {
                GeoPoint centre = point(require(a.lat(), "area.lat"), require(a.lon(), "area.lon"), "area.lat",
                        "area.lon");
                double radius = require(a.radiusMetres(), "area.radiusMetres");
                yield field("area.radiusMetres", () -> new SearchArea.Circle(centre, radius));
            }
            case "box" -> field("area", () -> SearchArea.Box.of(require(a.minLat(), "area.minLat"),
                    require(a.minLon(), "area.minLon"), require(a.maxLat(), "area.maxLat"),
                    require(a.maxLon(), "area.maxLon")));
            case "polygon" -> {
                List<PointBody> points = require(a.points(), "area.points");
                List<GeoPoint> vertices = new ArrayList<>();
                for (int i = 0; i < points.size(); i++) {
                    PointBody p = require(points.get(i), "area.points[" + i + "]");
                    String name = "area.points[" + i + "]";
                    vertices.add(point(require(p.lat(), name + ".lat"), require(p.lon(), name + ".lon"),
                            name + ".lat", name + ".lon"));
                }
                yield field("area.points", () -> new SearchArea.Polygon(vertices));
            }
            default -> throw new FieldError("area.type", "area.type must be circle, box or polygon, was '"
                    + type.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        };
        if (a.type().equals("circle") && (a.minLat() != null || a.points() != null)
                || a.type().equals("box") && (a.lat() != null || a.points() != null)
                || a.type().equals("polygon") && (a.lat() != null || a.minLat() != null)) {
            throw new FieldError("area", "fields of another area type given with type " + type);
        }
        return run(request, from, to, area, body.kind());
    }

    private ApiResponse run(ApiRequest request, Instant from, Instant to, SearchArea area, CameraKind kind) {
        if (!to.isAfter(from)) {
            throw new FieldError("to", "to (" + to + ") must be after from (" + from + ")");
        }
        RecordingQuery query = field("to", () -> new RecordingQuery(TimeRange.of(from, to), area, kind));
        String described = describe(area) + (kind == null ? "" : ", kind " + kind.name().toLowerCase(Locale.ROOT));
        audit.append(request.auditEvent(AuditAction.SEARCH, null, from, to, described));
        RecordingSearchResult result = search.search(query);
        Principal who = request.requirePrincipal();
        List<CameraHit> hits = new ArrayList<>();
        for (CameraCoverage c : result.cameras()) {
            if (!who.permits(c.site())) {
                continue;
            }
            hits.add(new CameraHit(c.camera().value(), c.name(), c.site().value(), c.kind(),
                    new Location(c.location().lat(), c.location().lon(), c.location().heading()), c.distanceMetres(),
                    Span.of(c.covered()), Span.of(c.gaps()), PlaybackRoutes.partsUrl(c.camera(), from, to)));
        }
        return ApiResponse.json(new SearchAnswer(from, to, described, kind, hits));
    }

    /** The area in words, for the answer and the audit row. */
    static String describe(SearchArea area) {
        SearchArea.Bounds b = area.bounds();
        if (area instanceof SearchArea.Circle c) {
            return String.format(Locale.ROOT, "circle of %.1f m around %.6f,%.6f", c.radiusMetres(), c.centre().lat(),
                    c.centre().lon());
        }
        if (area instanceof SearchArea.Polygon p) {
            return String.format(Locale.ROOT, "polygon of %d points within %.6f,%.6f to %.6f,%.6f",
                    p.vertices().size(), b.minLat(), b.minLon(), b.maxLat(), b.maxLon());
        }
        return String.format(Locale.ROOT, "box %.6f,%.6f to %.6f,%.6f", b.minLat(), b.minLon(), b.maxLat(), b.maxLon());
    }

    /** A position, a latitude or longitude out of range named by its field. */
    private static GeoPoint point(double lat, double lon, String latField, String lonField) {
        if (!(lat >= -90 && lat <= 90)) {
            throw new FieldError(latField, latField + " must be within -90..90, was " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new FieldError(lonField, lonField + " must be within -180..180, was " + lon);
        }
        return GeoPoint.of(lat, lon);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new FieldError(field, field + " is required");
        }
        return value;
    }

    /** Runs a constructor that validates, turning its refusal into a 400 naming {@code field}. */
    private static <T> T field(String field, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (FieldError e) {
            throw e;
        } catch (VigilException e) {
            throw new FieldError(field, field + ": " + e.getMessage());
        }
    }

    private static double number(ApiRequest request, String name) {
        String v = request.requireQuery(name);
        return parse(v, name);
    }

    private static double[] numbers(String text, String name, int count) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new FieldError(name, "query parameter '" + name + "' needs " + count + " comma-separated numbers"
                    + (name.equals("polygon") ? " per point (lat,lon;lat,lon;...)" : ""));
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = parse(parts[i].strip(), name);
        }
        return values;
    }

    private static double parse(String v, String name) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new FieldError(name, "query parameter '" + name + "' must be a number, was '"
                    + v.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
    }

    private static CameraKind kind(String value, String field) {
        for (CameraKind k : CameraKind.values()) {
            if (k.name().equalsIgnoreCase(value)) {
                return k;
            }
        }
        throw new FieldError(field, field + " must be traffic, security or quarantine, was '"
                + value.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
}
