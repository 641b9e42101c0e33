package dev.vigil.app.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.IngestWiring;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.app.record.RecordingWiring;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.record.CatalogIndex;
import dev.vigil.storage.record.Spool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import dev.vigil.app.sim.SceneEncoder;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import dev.vigil.ingest.supervisor.CameraState;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A camera configured by ONVIF address only: Vigil asks the simulated device (behind "NAT", with a
 * skewed clock) for its stream URIs, plays the main stream from the simulated camera through the
 * gateway and supervisor, records it into the object store and the catalog, and counts the
 * device's motion event.
 */
class OnvifCameraIT {
    private static final CameraId CAM = CameraId.of("gate-onvif");

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Records the ONVIF camera into the embedded S3 server and catalog until a segment is catalogued. */
    private static void recordsIt(IngestWiring ingest, Path dataDir) throws Exception {
        ObjectStoreConfig s3Config = new ObjectStoreConfig(null, null, null, null, new Listen("127.0.0.1", 0), null,
                null, null);
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
                EmbeddedS3 s3 = EmbeddedS3.start(s3Config, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(s3Config, s3.endpoint(), s3.secretKey())) {
            store.ensureBucket("vigil-segments");
            store.ensureBucket("vigil-clips");
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            try (RecordingWiring recording = RecordingWiring.start(new RecordingConfig(null, null, 1, null, null),
                    dataDir.resolve("spool"), ingest.cameras(), ingest.gateway(), store, "vigil-segments",
                    "vigil-clips", new CatalogIndex(recordings, new ClipRepository(catalog.dataSource()),
                            id -> null, Clock.systemUTC()), new PrometheusRegistry(), Spool.Listener.NONE,
                    Clock.systemUTC())) {
                await("a recorded segment of the ONVIF camera", () -> !recordings.findByCamera(CAM, Instant.EPOCH,
                        Instant.now().plusSeconds(60)).isEmpty());
            }
            RecordingRow row = recordings.findByCamera(CAM, Instant.EPOCH, Instant.now().plusSeconds(60)).get(0);
            assertEquals("lab", row.recording().site().value());
            assertTrue(store.stat("vigil-segments", row.recording().objectKey()).size() > 0);
        }
    }

    @Test
    void cameraConfiguredByOnvifPlaysIsRecordedAndItsEventsAreCounted(@TempDir Path dataDir) throws Exception {
        Credentials login = new Credentials("admin", "onvif-pw");
        try (SimulatedCameraServer rtsp = SimulatedCameraServer.start(
                new SceneEncoder(160, 96, 10, 2, 1, 200).encode().toSimulatedStream(), 2, "127.0.0.1", 0);
                SimulatedOnvifDevice device = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(login,
                        rtsp.urls().get(0), rtsp.urls().get(1)).withAdvertisedHost("192.168.68.111")
                        .withClockOffset(Duration.ofHours(-2)), "127.0.0.1")) {
            VigilConfig config = new ConfigLoader(Map.of()).loadYaml("""
                    sites: [{id: lab}]
                    cameras:
                      - id: gate-onvif
                        site: lab
                        onvif: {address: '%s'}
                        credentials: {user: admin, passwordEnv: CAM_PW}
                        record: {segmentSeconds: 1}
                    """.formatted(device.deviceService()), "test.yml");
            try (IngestWiring ingest = IngestWiring.start(config, Map.of("CAM_PW", "onvif-pw"))) {
                CameraConfig resolved = ingest.cameras().get(0);
                assertEquals(rtsp.urls().get(0), resolved.url(), "main profile, LAN address rewritten (quirk 43)");
                assertEquals(rtsp.urls().get(1), resolved.detectUrl(), "sub profile for analytics");
                await("the ONVIF camera playing", () -> ingest.gateway().health(CAM).state() == CameraState.PLAYING
                        && ingest.gateway().health(CAM).keyframes() > 0);
                await("an event subscription", () -> device.activeSubscriptions() == 1);
                device.emit("tns1:VideoSource/MotionAlarm", "State", "true");
                await("the motion event counted", () -> ingest.onvifEvents().events("gate-onvif", "motion") == 1);
                assertEquals(0, device.refusedLogins());
                recordsIt(ingest, dataDir);
            }
            assertTrue(device.unsubscribes() >= 1, "unsubscribed on stop");
        }
    }
}
