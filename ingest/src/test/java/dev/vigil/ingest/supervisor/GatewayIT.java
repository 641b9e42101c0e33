package dev.vigil.ingest.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedStream;
import dev.vigil.ingest.sim.SyntheticStreams;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The gateway against the simulated camera server with a synthetic (not decodable) stream: the
 * supervisor's reconnect path and subscriber back-pressure. The decodable end-to-end test is
 * {@code SimulatedCamerasIT} in the app module, which has the encoder.
 */
class GatewayIT {
    private static final CameraId CAM = CameraId.of("cam-a");

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

    @BeforeEach
    void watchForLeaks() {
        leaks.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(leaks);
    }

    /** Paranoid leak detection reports on later allocations, after a leaked buffer was collected. */
    @AfterEach
    void noLeaksNoThreads() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            PooledByteBufAllocator.DEFAULT.buffer(64).release();
        }
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).detachAppender(leaks);
        assertEquals(List.of(), leaks.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK")).toList(), "ByteBuf leaks");
        List<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("vigil-ingest") || n.startsWith("vigil-sim-rtsp"))
                .toList();
        assertEquals(List.of(), threads, "event loop threads left after close");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void reconnectsAfterTheCameraGoesAwayAndComesBack() throws Exception {
        SimulatedStream stream = SyntheticStreams.of(50, 25, 25);
        SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0);
        int port = server.port();
        CameraConfig camera = new CameraConfig("cam-a", "lab", null, null, server.urls().get(0), null, null, null,
                null, null, null, null);
        try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(1000, 2000, 1500, 1000), Map.of(),
                Clock.systemUTC(), 1)) {
            Subscription sub = gateway.subscribe(CAM, 1000);
            await("first key frame", Duration.ofSeconds(5), () -> gateway.health(CAM).keyframes() > 0);
            AccessUnit first = sub.poll(Duration.ofSeconds(1));
            assertEquals(CAM, first.camera());

            server.close();
            await("backing off", Duration.ofSeconds(5), () -> gateway.health(CAM).reconnects() > 0);
            CameraHealth down = gateway.health(CAM);
            assertTrue(down.lastError() != null && down.lastError().contains("camera cam-a"), down.lastError());

            server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", port);
            long before = gateway.health(CAM).accessUnits();
            await("playing again", Duration.ofSeconds(10), () -> gateway.health(CAM).state() == CameraState.PLAYING
                    && gateway.health(CAM).accessUnits() > before + 10);
            assertEquals(0, gateway.health(CAM).packetsLost());
        } finally {
            server.close();
        }
    }

    /**
     * A camera added to a running gateway plays while the one already there keeps its session
     * (same state since, no reconnect); a removed camera's subscription ends and the other plays on.
     */
    @Test
    void camerasAreAddedAndRemovedWithoutTouchingTheOthers() throws Exception {
        SimulatedStream stream = SyntheticStreams.of(50, 25, 25);
        CameraId b = CameraId.of("cam-b");
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 2, "127.0.0.1", 0);
                Gateway gateway = Gateway.start(List.of(new CameraConfig("cam-a", "lab", null, null,
                        server.urls().get(0), null, null, null, null, null, null, null)),
                        new IngestConfig(1000, 2000, 1500, 1000), Map.of(), Clock.systemUTC(), 1)) {
            await("cam-a playing", Duration.ofSeconds(5), () -> gateway.health(CAM).state() == CameraState.PLAYING);
            CameraHealth before = gateway.health(CAM);
            CameraConfig camB = new CameraConfig("cam-b", "lab", null, null, server.urls().get(1), null, null, null,
                    null, null, null, null);
            gateway.add(camB, Map.of(), null, null);
            assertEquals(java.util.Set.of(CAM, b), java.util.Set.copyOf(gateway.cameras()));
            Subscription subB = gateway.subscribe(b, 100);
            await("cam-b playing", Duration.ofSeconds(5), () -> gateway.health(b).keyframes() > 0);
            assertEquals(dev.vigil.core.error.ErrorKind.ALREADY_EXISTS,
                    assertThrows(VigilException.class, () -> gateway.add(camB, Map.of(), null, null)).kind());

            assertTrue(gateway.remove(b));
            assertTrue(subB.isClosed(), "its subscribers are told");
            assertEquals(java.util.Set.of(CAM), java.util.Set.copyOf(gateway.cameras()));
            assertTrue(!gateway.remove(b), "gone already");
            long units = gateway.health(CAM).accessUnits();
            await("cam-a goes on", Duration.ofSeconds(5), () -> gateway.health(CAM).accessUnits() > units + 10);
            CameraHealth after = gateway.health(CAM);
            assertEquals(before.since(), after.since(), "cam-a's session was never touched");
            assertEquals(0, after.reconnects());
            VigilException unset = assertThrows(VigilException.class, () -> gateway.add(new CameraConfig("cam-c", "lab",
                    null, null, server.urls().get(1), null, null, new CredentialsConfig("u", "UNSET_VARIABLE"), null,
                    null, null, null), Map.of(), null, null));
            assertTrue(unset.getMessage().startsWith("cameras[cam-c].credentials.passwordEnv"), unset.getMessage());
        }
    }

    /** A camera restricted to other networks never connects, and says why; one inside them plays. */
    @Test
    void aRestrictedCameraConnectsOnlyInsideItsNetworks() throws Exception {
        SimulatedStream stream = SyntheticStreams.of(50, 25, 25);
        CameraId b = CameraId.of("cam-b");
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 2, "127.0.0.1", 0);
                Gateway gateway = Gateway.start(List.of(), new IngestConfig(1000, 2000, 1500, 1000), Map.of(),
                        Clock.systemUTC(), 1)) {
            String byName = server.urls().get(1).replace("127.0.0.1", "localhost");
            gateway.add(new CameraConfig("cam-a", "lab", null, null, server.urls().get(0), null, null, null, null,
                    null, null, null), Map.of(), null, dev.vigil.core.net.CameraNetworks.parse(List.of("10.0.0.0/8")));
            gateway.add(new CameraConfig("cam-b", "lab", null, null, byName, null, null, null, null, null, null, null),
                    Map.of(), null, dev.vigil.core.net.CameraNetworks.parse(List.of("127.0.0.0/8", "::1/128")));
            await("cam-b playing", Duration.ofSeconds(5), () -> gateway.health(b).keyframes() > 0);
            await("cam-a refused", Duration.ofSeconds(5), () -> gateway.health(CAM).reconnects() > 0);
            CameraHealth refused = gateway.health(CAM);
            assertEquals(0, refused.bytes());
            assertTrue(refused.lastError().contains("outside the camera networks (10.0.0.0/8)"), refused.lastError());
            assertEquals(dev.vigil.ingest.rtsp.SessionFailure.UNREACHABLE, refused.lastFailure());
        }
    }

    /**
     * Quirk 11: a camera marked {@code old-live555} waits LIVE555's 65 s reclamation time before
     * reconnecting after a session that played; a standard camera retries within the backoff cap.
     */
    @Test
    void oldLive555PolicyWaitsForTheServerToReclaimTheSession() throws Exception {
        SimulatedStream stream = SyntheticStreams.of(50, 25, 25);
        SimulatedCameraServer server = SimulatedCameraServer.start(stream, 2, "127.0.0.1", 0);
        List<CameraConfig> cameras = List.of(
                new CameraConfig("cam-a", "lab", null, null, server.urls().get(0), null, null, null, null, null,
                        null, null, QuirkPolicy.OLD_LIVE555),
                new CameraConfig("cam-b", "lab", null, null, server.urls().get(1), null, null, null, null, null,
                        null, null, QuirkPolicy.NONE));
        CameraId other = CameraId.of("cam-b");
        try (Gateway gateway = Gateway.start(cameras, new IngestConfig(1000, 2000, 1500, 1000), Map.of(),
                Clock.systemUTC(), 1)) {
            await("both playing", Duration.ofSeconds(5), () -> gateway.health(CAM).keyframes() > 0
                    && gateway.health(other).keyframes() > 0);
            server.close();
            await("both backing off", Duration.ofSeconds(5), () -> gateway.health(CAM).nextAttempt() != null
                    && gateway.health(other).nextAttempt() != null);
            CameraHealth old = gateway.health(CAM);
            CameraHealth standard = gateway.health(other);
            long oldWait = Duration.between(old.since(), old.nextAttempt()).toSeconds();
            long standardWait = Duration.between(standard.since(), standard.nextAttempt()).toMillis();
            assertTrue(oldWait >= 64, "old LIVE555 waits about 65 s, waited " + oldWait + " s");
            assertTrue(standardWait <= 1000, "standard camera backs off within the 1 s cap, waited " + standardWait + " ms");
        } finally {
            server.close();
        }
    }

    @Test
    void fullSubscriberQueuesDropAndCountWithoutStallingOthers() throws Exception {
        try (SimulatedCameraServer server = SimulatedCameraServer.start(SyntheticStreams.of(50, 50, 10), 1, "127.0.0.1", 0);
                Gateway gateway = Gateway.start(List.of(new CameraConfig("cam-a", "lab", null, null,
                        server.urls().get(0), null, null, null, null, null, null, null)), new IngestConfig(null, null,
                        null, null), Map.of(), Clock.systemUTC(), 1)) {
            Subscription slow = gateway.subscribe(CAM, 2);
            Subscription fast = gateway.subscribe(CAM, 1000);
            await("drops", Duration.ofSeconds(5), () -> slow.dropped() > 5);
            assertEquals(0, fast.dropped());
            assertTrue(fast.queued() > 5);
            long droppedSoFar = slow.dropped(); // read before the health snapshot: drops only grow
            assertTrue(gateway.health(CAM).subscriberDrops() >= droppedSoFar);
            slow.poll();
            slow.poll();
            AccessUnit afterGap = slow.poll(Duration.ofSeconds(2));
            assertTrue(afterGap.discontinuity(), "the first unit after a drop is marked");
        }
    }

    @Test
    void configErrorsNameTheCameraAndNeverTheSecret() {
        CameraConfig noPassword = new CameraConfig("gate-3", "lab", null, null, "rtsp://10.0.0.1/", null, null,
                new CredentialsConfig("admin", "GATE3_PASSWORD"), null, null, null, null);
        VigilException e = assertThrows(VigilException.class, () -> Gateway.start(List.of(noPassword),
                new IngestConfig(null, null, null, null), Map.of(), Clock.systemUTC(), 1));
        assertTrue(e.getMessage().startsWith("cameras[gate-3].credentials.passwordEnv"), e.getMessage());
        CameraConfig badUrl = new CameraConfig("gate-4", "lab", null, null, "http://u:hunter2@x/", null, null, null,
                null, null, null, null);
        e = assertThrows(VigilException.class, () -> Gateway.start(List.of(badUrl),
                new IngestConfig(null, null, null, null), Map.of(), Clock.systemUTC(), 1));
        assertTrue(e.getMessage().startsWith("cameras[gate-4].url"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"));
    }
}
