package dev.vigil.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.auth.Access;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteTable;
import dev.vigil.core.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a route table with an OpenAPI document, so that neither can drift: the same paths and
 * methods, the same path parameters, and for each operation {@code x-vigil-roles} equal to the
 * roles the route admits (empty for open routes, which also declare {@code security: []}) and
 * {@code x-vigil-reason-required} equal to the roles that must state a reason. Pure.
 */
public final class OpenApiCheck {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");

    private OpenApiCheck() {}

    /** Every difference, one line each; empty when the two agree. */
    public static List<String> problems(RouteTable routes, byte[] document) {
        JsonNode paths;
        try {
            paths = new ObjectMapper().readTree(document).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Route> byOperation = new TreeMap<>();
        for (Route r : routes.routes()) {
            byOperation.put(r.method().name().toLowerCase(Locale.ROOT) + " " + r.template().text(), r);
        }
        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> path = it.next();
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String m = methods.next();
                if (METHODS.contains(m)) {
                    documented.add(m + " " + path.getKey());
                }
            }
        }
        for (String op : byOperation.keySet()) {
            if (!documented.contains(op)) {
                problems.add(op + ": served but not in the OpenAPI document");
            }
        }
        for (String op : documented) {
            Route route = byOperation.get(op);
            if (route == null) {
                problems.add(op + ": in the OpenAPI document but not served");
                continue;
            }
            JsonNode operation = paths.get(route.template().text()).get(op.substring(0, op.indexOf(' ')));
            check(problems, op, route, operation);
        }
        return problems;
    }

    private static void check(List<String> problems, String op, Route route, JsonNode operation) {
        Access access = route.access();
        Set<String> roles = labels(access.anonymous() ? Set.of() : access.roles());
        Set<String> documentedRoles = strings(operation.path("x-vigil-roles"));
        if (!roles.equals(documentedRoles)) {
            problems.add(op + ": x-vigil-roles " + documentedRoles + " but the route admits " + roles);
        }
        Set<String> reason = labels(access.reasonRequired());
        Set<String> documentedReason = strings(operation.path("x-vigil-reason-required"));
        if (!reason.equals(documentedReason)) {
            problems.add(op + ": x-vigil-reason-required " + documentedReason + " but the route requires " + reason);
        }
        boolean documentedOpen = operation.has("security") && operation.get("security").isArray()
                && operation.get("security").isEmpty();
        if (access.anonymous() != documentedOpen) {
            problems.add(op + ": " + (access.anonymous() ? "open route must declare security: []"
                    : "route needs a token but declares security: []"));
        }
        Set<String> params = new TreeSet<>(route.template().params());
        Set<String> documentedParams = new TreeSet<>();
        for (JsonNode p : operation.path("parameters")) {
            if ("path".equals(p.path("in").asText())) {
                documentedParams.add(p.path("name").asText());
            }
        }
        if (!params.equals(documentedParams)) {
            problems.add(op + ": path parameters " + documentedParams + " documented, " + params + " in the template");
        }
    }

    private static Set<String> labels(Set<Role> roles) {
        Set<String> out = new TreeSet<>();
        roles.forEach(r -> out.add(r.label()));
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
