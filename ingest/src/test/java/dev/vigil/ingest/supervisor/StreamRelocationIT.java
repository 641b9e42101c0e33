package dev.vigil.ingest.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtsp.RtspUrl;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SyntheticStreams;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The supervisor's relocation hook: after repeated failures it asks for a new URL and plays from there. */
class StreamRelocationIT {
    private static final CameraId CAM = CameraId.of("cam-r");
    private static final IngestConfig FAST = new IngestConfig(1000, 2000, 1500, 200);

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String deadUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "rtsp://127.0.0.1:" + s.getLocalPort() + "/gone";
        }
    }

    @Test
    void aRelocatedUrlIsPlayedAfterRepeatedFailures() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (SimulatedCameraServer server = SimulatedCameraServer.start(SyntheticStreams.of(50, 25, 25), 1, "127.0.0.1", 0);
                Gateway gateway = Gateway.start(List.of(new CameraConfig(CAM.value(), "lab", null, null, deadUrl(), null,
                        null, null, null, null, null, null)), FAST, Map.of(), Clock.systemUTC(), 1, id -> () -> {
                            asked.incrementAndGet();
                            return CompletableFuture.supplyAsync(() -> RtspUrl.parse(server.urls().get(0)));
                        })) {
            await("playing the relocated stream", () -> gateway.health(CAM).state() == CameraState.PLAYING
                    && gateway.health(CAM).accessUnits() > 5);
            assertEquals(1, asked.get());
            assertTrue(gateway.health(CAM).reconnects() >= Gateway.RELOCATE_AFTER_FAILURES);
        }
    }

    @Test
    void aFailedRelocationKeepsTheUrlAndIsTriedAgainLater() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (Gateway gateway = Gateway.start(List.of(new CameraConfig(CAM.value(), "lab", null, null, deadUrl(), null,
                null, null, null, null, null, null)), FAST, Map.of(), Clock.systemUTC(), 1, id -> () -> {
                    asked.incrementAndGet();
                    return CompletableFuture.failedFuture(new IllegalStateException("device unreachable"));
                })) {
            await("a second relocation", () -> asked.get() >= 2);
            assertTrue(gateway.health(CAM).state() != CameraState.PLAYING);
            assertTrue(gateway.health(CAM).lastError().contains("cannot connect"), gateway.health(CAM).lastError());
        }
    }
}
