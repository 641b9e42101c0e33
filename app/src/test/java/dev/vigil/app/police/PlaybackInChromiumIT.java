package dev.vigil.app.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.auth.TokenAuthenticator;
import dev.vigil.api.http.ApiServer;
import dev.vigil.api.http.RouteTable;
import dev.vigil.api.routes.PlaybackRoutes;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.ApiConfig;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.TokenRepository;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.playback.SegmentPlayback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback in a browser: the real API server with the playback route on the embedded H2 catalog
 * (tokens and audit log included) and the embedded S3 server, holding segments recorded from the
 * real footage; Debian's headless chromium loads the playback URL in a {@code <video>} element,
 * plays it, pauses, seeks far ahead and plays on from there.
 *
 * <p>The movie: footage pictures 100-749 (wall clock 10:00:10 to 10:01:15), across three
 * abutting segments, 65 s long; the seek goes to 47.3 s.
 */
@Timeout(300)
class PlaybackInChromiumIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final double SEEK_TO = 47.3;

    @TempDir
    Path dir;

    @Test
    void playsAndSeeksInAVideoElement() throws Exception {
        RecordedFootage footage = RecordedFootage.load(dir);
        Path data = dir.resolve("data");
        ObjectStoreConfig s3Config = new ObjectStoreConfig(null, null, null, null, new Listen("127.0.0.1", 0), null,
                null, null);
        PrometheusRegistry registry = new PrometheusRegistry();
        try (EmbeddedS3 s3 = EmbeddedS3.start(s3Config, data, Map.of());
                MinioObjectStore store = MinioObjectStore.create(s3Config, s3.endpoint(), s3.secretKey());
                Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), data, Map.of());
                SegmentPlayback playback = new SegmentPlayback(new RecordingRepository(catalog.dataSource()), store,
                        "vigil-segments", Clock.systemUTC())) {
            store.ensureBucket("vigil-segments");
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            GeoPoint gate = GeoPoint.of(21.0285, 105.8542);
            footage.record(store, "vigil-segments", recordings, "gate-3", gate, 0, 300, T0, 300);
            footage.record(store, "vigil-segments", recordings, "gate-3", gate, 300, 300, T0.plusSeconds(30), 600);
            footage.record(store, "vigil-segments", recordings, "gate-3", gate, 600, 195, T0.plusSeconds(60), -1);

            TokenRepository tokens = new TokenRepository(catalog.dataSource());
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            String police = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC())
                    .issue(Role.POLICE, SiteScope.ALL, "insp.tran", "test").secret();
            try (ApiServer api = ApiServer.start(new ApiConfig("127.0.0.1", 0, null),
                    RouteTable.of(List.of(new PlaybackRoutes(playback, audit))), new TokenAuthenticator(tokens),
                    camera -> Optional.empty(), registry, Clock.systemUTC());
                    HeadlessChromium chromium = HeadlessChromium.start(dir)) {
                String origin = "http://127.0.0.1:" + api.port();
                // A <video src> sends no headers: the token and the stated reason ride in the query.
                String url = origin + "/api/v1/cameras/gate-3/playback.mp4?from=2026-03-01T10:00:10.050Z"
                        + "&to=2026-03-01T10:01:15Z&access_token=" + police + "&reason="
                        + URLEncoder.encode("case 2026-117", StandardCharsets.UTF_8);
                chromium.navigate(origin + "/api/v1/cameras/gate-3/playback.mp4?from=x"); // an error page of this origin
                String result = chromium.evaluate(script(url));
                JsonNode r = JSON.readTree(result);
                assertTrue(r.path("ok").asBoolean(), "browser: " + result + "\nchromium: "
                        + HeadlessChromium.log(dir));
                assertEquals(65.0, r.get("duration").asDouble(), 0.001);
                assertEquals(768, r.get("width").asInt());
                assertEquals(576, r.get("height").asInt());
                assertEquals(1, r.get("seekableRanges").asInt(), result);
                assertEquals(65.0, r.get("seekableEnd").asDouble(), 0.001, "the server's ranges make it seekable");
                assertTrue(r.get("playedTo").asDouble() >= 1.0, result);
                assertEquals(SEEK_TO, r.get("seekedTo").asDouble(), 0.001, result);
                assertTrue(r.get("after").asDouble() >= SEEK_TO + 1.0, "played on after the seek: " + result);
                assertTrue(r.get("frames").asInt() > 10, "pictures decoded: " + result);
            }
            // The browser fetched with ranges (206), and the viewing is audited once with its reason.
            long partial = 0;
            for (MetricSnapshot m : registry.scrape()) {
                if (m instanceof HistogramSnapshot h) {
                    for (HistogramSnapshot.HistogramDataPointSnapshot p : h.getDataPoints()) {
                        if ("206".equals(p.getLabels().get("status")) && String.valueOf(p.getLabels().get("route"))
                                .contains("playback.mp4")) {
                            partial += p.getCount();
                        }
                    }
                }
            }
            assertTrue(partial >= 1, "range requests answered 206: " + partial);
            List<AuditRecord> rows = audit.page(0, 100);
            assertEquals(1, rows.stream().filter(row -> row.event().action() == AuditAction.PLAYBACK).count(),
                    "one row for the viewing: " + rows);
            assertEquals("case 2026-117", rows.get(rows.size() - 1).event().reason());
        }
    }

    /** Plays the URL in a new video element, seeks, and resolves to a JSON report; never throws. */
    private static String script(String url) {
        return """
                (async () => {
                  const v = document.createElement('video');
                  v.muted = true;
                  v.preload = 'auto';
                  document.body.appendChild(v);
                  const state = () => ' (currentTime ' + v.currentTime + ', readyState ' + v.readyState
                      + ', networkState ' + v.networkState + ', error ' + (v.error ? v.error.code + ' '
                      + v.error.message : 'none') + ')';
                  const event = (name) => new Promise((resolve, reject) => {
                    const timer = setTimeout(() => reject(new Error('no ' + name + ' event within 60 s' + state())), 60000);
                    v.addEventListener(name, () => { clearTimeout(timer); resolve(); }, {once: true});
                    v.addEventListener('error', () => { clearTimeout(timer); reject(new Error('media error' + state())); },
                        {once: true});
                  });
                  const until = (done, what) => new Promise((resolve, reject) => {
                    const started = performance.now();
                    const tick = () => {
                      if (done()) { resolve(); }
                      else if (performance.now() - started > 60000) { reject(new Error(what + ' not within 60 s' + state())); }
                      else { setTimeout(tick, 50); }
                    };
                    tick();
                  });
                  try {
                    const metadata = event('loadedmetadata');
                    v.src = %s;
                    await metadata;
                    const out = {ok: true, duration: v.duration, width: v.videoWidth, height: v.videoHeight,
                        seekableRanges: v.seekable.length, seekableEnd: v.seekable.length ? v.seekable.end(0) : -1};
                    await v.play();
                    await until(() => v.currentTime >= 1.0, 'playing to 1 s');
                    out.playedTo = v.currentTime;
                    v.pause();
                    const seeked = event('seeked');
                    v.currentTime = %s;
                    await seeked;
                    out.seekedTo = v.currentTime;
                    await v.play();
                    await until(() => v.currentTime >= %s + 1.0, 'playing on after the seek');
                    out.after = v.currentTime;
                    out.frames = v.getVideoPlaybackQuality().totalVideoFrames;
                    return JSON.stringify(out);
                  } catch (e) {
                    return JSON.stringify({ok: false, error: String(e && e.message || e)});
                  }
                })()
                """.formatted(JSON.valueToTree(url).toString(), SEEK_TO, SEEK_TO);
    }
}
