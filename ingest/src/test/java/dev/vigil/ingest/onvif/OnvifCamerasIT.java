package dev.vigil.ingest.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.OnvifConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up resolution of ONVIF cameras: resolved, placeholder when the device is down, relocation later. */
class OnvifCamerasIT {
    private static CameraConfig camera(String address) {
        return new CameraConfig("cam-o", "lab", null, null, null, null, null, new CredentialsConfig("admin", "PW"),
                null, null, null, null, null, new OnvifConfig(address, null));
    }

    @Test
    void resolvesAtStartAndAgainOnRequest() throws Exception {
        Credentials login = new Credentials("admin", "pw");
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(login,
                "rtsp://127.0.0.1:9/main", "rtsp://127.0.0.1:9/sub"), "127.0.0.1");
                OnvifCameras cams = OnvifCameras.start(List.of(camera(sim.deviceService().toString())), Map.of("PW", "pw"),
                        Duration.ofSeconds(5), CameraEventListener.NONE, Clock.systemUTC())) {
            assertEquals("rtsp://127.0.0.1:9/main", cams.cameras().get(0).url());
            assertEquals("rtsp://127.0.0.1:9/sub", cams.cameras().get(0).detectUrl());
            assertEquals(1, cams.subscribers().size());
            assertEquals("rtsp://127.0.0.1:9/main",
                    cams.relocator(CameraId.of("cam-o")).relocate().get(10, TimeUnit.SECONDS).url());
            assertEquals(null, cams.relocator(CameraId.of("other")));
            assertEquals("rtsp://127.0.0.1:9/sub",
                    cams.detectRelocator(CameraId.of("cam-o")).relocate().get(10, TimeUnit.SECONDS).url());
            assertEquals(null, cams.detectRelocator(CameraId.of("other")));
        }
    }

    @Test
    void aDeviceDownAtStartGetsAPlaceholderAndIsResolvedLater() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OnvifCameras cams = OnvifCameras.start(List.of(camera("http://127.0.0.1:" + port + "/onvif/device_service")),
                Map.of("PW", "pw"), Duration.ofSeconds(2), CameraEventListener.NONE, Clock.systemUTC())) {
            assertEquals("rtsp://127.0.0.1:554/vigil-onvif-unresolved", cams.cameras().get(0).url());
            var failed = cams.relocator(CameraId.of("cam-o")).relocate();
            assertTrue(assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS))
                    .getCause() instanceof OnvifException);
            assertEquals(0, cams.subscribers().size());
            // The device comes up: the next relocation resolves it and starts its event subscription.
            try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(
                    new Credentials("admin", "pw"), "rtsp://127.0.0.1:9/main", "rtsp://127.0.0.1:9/sub"), "127.0.0.1",
                    port)) {
                assertEquals("rtsp://127.0.0.1:9/main",
                        cams.relocator(CameraId.of("cam-o")).relocate().get(10, TimeUnit.SECONDS).url());
                assertEquals(1, cams.subscribers().size());
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (sim.activeSubscriptions() == 0 && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertEquals(1, sim.activeSubscriptions(), "subscribed once the device answered");
            }
        }
    }

    @Test
    void missingPasswordVariableNamesTheCamera() {
        VigilException e = assertThrows(VigilException.class, () -> OnvifCameras.start(
                List.of(camera("http://127.0.0.1:1/onvif/device_service")), Map.of(), Duration.ofSeconds(1),
                CameraEventListener.NONE, Clock.systemUTC()));
        assertEquals("cameras[cam-o].credentials.passwordEnv: environment variable 'PW' is not set", e.getMessage());
    }
}
