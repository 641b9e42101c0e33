package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.api.RawHttp;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.model.SiteId;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed and hostile requests sent as raw bytes over a real socket to a server with
 * the standard routes: every one is answered with a 4xx and the JSON error body (or, for a client
 * that does not finish its request, closed), no answer is a 5xx, and the server keeps serving.
 */
class HostileRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiFixture api;
    private static String admin;
    private static final dev.vigil.api.MemoryAlertReview ALERTS = new dev.vigil.api.MemoryAlertReview();
    private static java.util.UUID ALERT;

    @BeforeAll
    static void start() {
        ApiLimitsConfig limits = new ApiLimitsConfig(4096, 2048, 1000.0, 1000, 2, 5, 4);
        api = ApiFixture.standard(limits, c -> Optional.of(SiteId.of("yard")), new FakeNodeStatus(),
                f -> {
                    List<dev.vigil.api.http.RouteGroup> groups = new ArrayList<>(ALERTS.routes(f.audit));
                    groups.add(new dev.vigil.api.routes.ExportRoutes(new dev.vigil.api.routes.PoliceFakes.Exports(
                            new byte[1]), f.audit, c -> Optional.of(SiteId.of("yard"))));
                    return groups;
                });
        ALERT = ALERTS.add("yard", "gate-1", "zone_intrusion", dev.vigil.core.alert.AlertSeverity.WARNING,
                java.time.Instant.parse("2026-03-01T14:10:00Z"));
        admin = api.token(Role.ADMIN, null);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "\r\n";
    }

    private static String post(String target, String contentType, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static Stream<Arguments> corpus() {
        String auth = "Authorization: Bearer " + admin + "\r\n";
        List<Arguments> c = new ArrayList<>();
        c.add(Arguments.of("binary garbage", "\u0000\u0001\u0002\u0003 hello\r\n\r\n", 400));
        c.add(Arguments.of("HTTP/0.9 request line", "GET /healthz\r\n\r\n", 400));
        c.add(Arguments.of("bad version", "GET /healthz HTTP/7.3\r\nHost: x\r\n\r\n", 400));
        c.add(Arguments.of("request line too long", get("/healthz?" + "a".repeat(5000)), 414));
        c.add(Arguments.of("headers too large", get("/healthz", "X-Junk: " + "b".repeat(3000) + "\r\n"), 431));
        c.add(Arguments.of("too many headers", get("/healthz", "X-A: 1\r\n".repeat(400)), 431));
        c.add(Arguments.of("header without colon", get("/healthz", "NoColonHere\r\n"), 400));
        c.add(Arguments.of("absolute-form target", "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n", 400));
        c.add(Arguments.of("asterisk target", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 400));
        c.add(Arguments.of("traversal outside the routes", get("/../../etc/passwd"), 404));
        c.add(Arguments.of("encoded traversal outside the routes", get("/api/v1/%2e%2e/%2e%2e/etc/passwd"), 404));
        c.add(Arguments.of("traversal in an id", "DELETE /api/v1/tokens/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n"
                + auth + "\r\n", 400));
        c.add(Arguments.of("dot-dot id", "DELETE /api/v1/tokens/.. HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 400));
        c.add(Arguments.of("NUL in an id", "DELETE /api/v1/tokens/t%00 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 400));
        c.add(Arguments.of("bad escape in an id", "DELETE /api/v1/tokens/%zz HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                400));
        c.add(Arguments.of("invalid UTF-8 in an id", "DELETE /api/v1/tokens/%ff%fe HTTP/1.1\r\nHost: x\r\n" + auth
                + "\r\n", 400));
        c.add(Arguments.of("id of the wrong form", "DELETE /api/v1/tokens/robert';DROP%20TABLE%20api_tokens;-- HTTP/1.1"
                + "\r\nHost: x\r\n" + auth + "\r\n", 400));
        c.add(Arguments.of("unknown token", "DELETE /api/v1/tokens/t000000000000 HTTP/1.1\r\nHost: x\r\n" + auth
                + "\r\n", 404));
        c.add(Arguments.of("bad escape in the query", get("/api/v1/audit?after=%zz", auth), 400));
        c.add(Arguments.of("number out of range", get("/api/v1/audit?after=-1", auth), 400));
        c.add(Arguments.of("not a number", get("/api/v1/audit?limit=ten", auth), 400));
        c.add(Arguments.of("huge number", get("/api/v1/audit?after=99999999999999999999999", auth), 400));
        c.add(Arguments.of("parameter twice", get("/api/v1/audit?limit=1&limit=2", auth), 400));
        c.add(Arguments.of("too many parameters", get("/api/v1/audit?" + "a=1&".repeat(70) + "limit=1", auth), 400));
        c.add(Arguments.of("no token", get("/api/v1/me"), 401));
        c.add(Arguments.of("basic auth", get("/api/v1/me", "Authorization: Basic YWRtaW46YWRtaW4=\r\n"), 401));
        c.add(Arguments.of("empty bearer", get("/api/v1/me", "Authorization: Bearer \r\n"), 401));
        c.add(Arguments.of("forged token", get("/api/v1/me", "Authorization: Bearer vgl_" + "A".repeat(43) + "\r\n"),
                401));
        c.add(Arguments.of("token with control bytes", get("/api/v1/me", "Authorization: Bearer vgl_\u0001"
                + "A".repeat(42) + "\r\n"), 400));
        c.add(Arguments.of("token in the query where not allowed", get("/api/v1/me?access_token=" + admin), 401));
        c.add(Arguments.of("reason with a newline", get("/api/v1/me?reason=a%0d%0aSet-Cookie:%20x", auth), 400));
        c.add(Arguments.of("reason too long", get("/api/v1/me", auth, "X-Vigil-Reason: " + "r".repeat(600) + "\r\n"),
                400));
        c.add(Arguments.of("unknown method", "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 405));
        c.add(Arguments.of("wrong method", "DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 405));
        c.add(Arguments.of("malformed JSON", post("/api/v1/tokens", "application/json", "{\"role\":"), 400));
        c.add(Arguments.of("JSON null", post("/api/v1/tokens", "application/json", "null"), 400));
        c.add(Arguments.of("JSON array", post("/api/v1/tokens", "application/json", "[1,2]"), 400));
        c.add(Arguments.of("empty body", post("/api/v1/tokens", "application/json", ""), 400));
        c.add(Arguments.of("trailing data", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"name\":\"a\"} {}"), 400));
        c.add(Arguments.of("unknown field", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"name\":\"a\",\"admin\":true}"), 400));
        c.add(Arguments.of("duplicate key", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"role\":\"admin\",\"name\":\"a\"}"), 400));
        c.add(Arguments.of("unknown role", post("/api/v1/tokens", "application/json",
                "{\"role\":\"root\",\"name\":\"a\"}"), 400));
        c.add(Arguments.of("wrong type", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"name\":[\"a\"]}"), 400));
        c.add(Arguments.of("hostile site id", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"name\":\"a\",\"sites\":[\"../../etc\"]}"), 400));
        c.add(Arguments.of("deep nesting", post("/api/v1/tokens", "application/json", "[".repeat(2000)
                + "]".repeat(2000)), 400));
        c.add(Arguments.of("control characters in a name", post("/api/v1/tokens", "application/json",
                "{\"role\":\"viewer\",\"name\":\"a\\u0000b\"}"), 400));
        c.add(Arguments.of("not JSON", post("/api/v1/tokens", "text/xml", "<role>admin</role>"), 415));
        c.add(Arguments.of("body too large", post("/api/v1/tokens", "application/json", "{\"name\":\""
                + "n".repeat(5000) + "\"}"), 413));
        c.add(Arguments.of("chunked body too large", "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + ("400\r\n" + "x".repeat(1024) + "\r\n").repeat(6) + "0\r\n\r\n", 413));
        c.add(Arguments.of("bad Content-Length", "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                400));
        c.add(Arguments.of("two Content-Lengths", "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Content-Length: 5\r\n\r\n{}", 400));
        c.add(Arguments.of("bad chunk size", "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400));
        String why = "X-Vigil-Reason: hostile test\r\n";
        c.add(Arguments.of("exports: delete without a reason", "DELETE /api/v1/exports/x" + "a".repeat(20)
                + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n", 400));
        c.add(Arguments.of("exports: traversal in a deleted id", "DELETE /api/v1/exports/..%2F..%2Fetc%2Fpasswd"
                + " HTTP/1.1\r\nHost: x\r\n" + auth + why + "\r\n", 400));
        c.add(Arguments.of("exports: SQL as a deleted id", "DELETE /api/v1/exports/x';DELETE%20FROM%20export_jobs;--"
                + " HTTP/1.1\r\nHost: x\r\n" + auth + why + "\r\n", 400));
        c.add(Arguments.of("exports: delete an unknown export", "DELETE /api/v1/exports/x" + "a".repeat(20)
                + " HTTP/1.1\r\nHost: x\r\n" + auth + why + "\r\n", 404));
        c.add(Arguments.of("exports: delete the signing key", "DELETE /api/v1/exports/signing-key HTTP/1.1\r\n"
                + "Host: x\r\n" + auth + why + "\r\n", 400));
        String alert = "/api/v1/alerts/" + ALERT;
        c.add(Arguments.of("alerts: foreign cursor", get("/api/v1/alerts?cursor=AAAA", auth), 400));
        c.add(Arguments.of("alerts: cursor of another shape", get("/api/v1/alerts?cursor="
                + java.util.Base64.getUrlEncoder().encodeToString("v1:1:../../etc".getBytes(StandardCharsets.US_ASCII)),
                auth), 400));
        c.add(Arguments.of("alerts: bad instant", get("/api/v1/alerts?from=yesterday", auth), 400));
        c.add(Arguments.of("alerts: to before from", get("/api/v1/alerts?from=2026-03-02T00:00:00Z"
                + "&to=2026-03-01T00:00:00Z", auth), 400));
        c.add(Arguments.of("alerts: unknown filter", get("/api/v1/alerts?colour=red", auth), 400));
        c.add(Arguments.of("alerts: unknown severity", get("/api/v1/alerts?severity=urgent", auth), 400));
        c.add(Arguments.of("alerts: empty filter value", get("/api/v1/alerts?state=open,,dismissed", auth), 400));
        c.add(Arguments.of("alerts: hostile site", get("/api/v1/alerts?site=..%2F..%2Fetc", auth), 400));
        c.add(Arguments.of("alerts: limit 0", get("/api/v1/alerts?limit=0", auth), 400));
        c.add(Arguments.of("alerts: limit over 500", get("/api/v1/alerts?limit=501", auth), 400));
        c.add(Arguments.of("alerts: stream with a cursor", get("/api/v1/alerts/stream?cursor=x", auth), 400));
        c.add(Arguments.of("alerts: bad Last-Event-ID", get("/api/v1/alerts/stream", auth,
                "Last-Event-ID: ../../1\r\n"), 400));
        c.add(Arguments.of("alerts: id not a UUID", get("/api/v1/alerts/robert';DROP%20TABLE%20alerts;--", auth),
                400));
        c.add(Arguments.of("alerts: unknown alert", get("/api/v1/alerts/" + java.util.UUID.randomUUID(), auth), 404));
        c.add(Arguments.of("alerts: unknown action", post(alert + "/approve", "application/json", "{}"), 404));
        c.add(Arguments.of("alerts: huge note", post(alert + "/acknowledge", "application/json", "{\"note\":\""
                + "n".repeat(2500) + "\"}"), 400));
        c.add(Arguments.of("alerts: note over the body limit", post(alert + "/acknowledge", "application/json",
                "{\"note\":\"" + "n".repeat(5000) + "\"}"), 413));
        c.add(Arguments.of("alerts: unknown body field", post(alert + "/acknowledge", "application/json",
                "{\"note\":\"ok\",\"by\":\"someone else\"}"), 400));
        c.add(Arguments.of("alerts: note not a string", post(alert + "/escalate", "application/json",
                "{\"note\":[\"a\"]}"), 400));
        c.add(Arguments.of("alerts: control characters in a note", post(alert + "/dismiss", "application/json",
                "{\"note\":\"a\\u0007b\"}"), 400));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answeredWithA4xxAndTheServerKeepsServing(String what, String request, int expected) throws Exception {
        RawHttp.Response r = RawHttp.exchange(api.server.port(), request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
        assertEquals(expected, r.status(), what + ":\n" + r.headers() + r.body());
        JsonNode body = JSON.readTree(r.body());
        assertNotNull(body.get("code"), r.body());
        assertTrue(body.get("message").asText().length() > 0, r.body());
        assertTrue(body.get("details").isObject(), r.body());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), r.body());
        assertEquals(200, RawHttp.exchange(api.server.port(), get("/healthz"), 10_000).status(), "still serving");
    }

    @Test
    void aSlowClientGets408AndAnIdleOneIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 3; i++) { // trickling bytes does not extend the deadline
                Thread.sleep(800);
                out.write('a');
                out.flush();
            }
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertEquals(408, r.status(), r.headers());
            assertEquals(-1, s.getInputStream().read(), "closed after the 408");
        }
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "an idle connection is closed without a word");
        }
        assertEquals(200, RawHttp.exchange(api.server.port(), get("/healthz"), 10_000).status());
    }

    @Test
    void eachTokenHasItsRateAndGuessingTokensIsRateLimitedToo() throws Exception {
        try (ApiFixture slow = ApiFixture.standard(new ApiLimitsConfig(4096, 2048, 0.2, 3, 2, 5, 2),
                c -> Optional.empty(), new FakeNodeStatus())) {
            String one = slow.token(Role.VIEWER, null);
            String two = slow.token(Role.VIEWER, null);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, slow.get("/api/v1/me", one).statusCode());
            }
            var limited = slow.get("/api/v1/me", one);
            assertEquals(429, limited.statusCode());
            assertEquals("5", limited.headers().firstValue("Retry-After").orElse(""), "1 request per 5 s");
            assertEquals("resource_exhausted", JSON.readTree(limited.body()).get("code").asText());
            assertEquals(200, slow.get("/api/v1/me", two).statusCode(), "another token is not held back");
            assertEquals(200, slow.get("/healthz", null).statusCode(), "open routes need no token and no bucket");
            List<Integer> guesses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                guesses.add(slow.get("/api/v1/me", "vgl_" + Integer.toString(i).repeat(43)).statusCode());
            }
            assertEquals(List.of(401, 401, 401, 429, 429), guesses);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            String auth = "Authorization: Bearer " + admin + "\r\n";
            s.getOutputStream().write((get("/healthz") + get("/api/v1/me", auth) + get("/nope") + get("/readyz"))
                    .getBytes(StandardCharsets.US_ASCII));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(RawHttp.read(s.getInputStream()).status());
            }
            assertEquals(List.of(200, 200, 404, 200), statuses);
        }
    }
}
