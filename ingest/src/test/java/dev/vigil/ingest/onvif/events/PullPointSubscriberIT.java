package dev.vigil.ingest.onvif.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.ingest.onvif.AddressRewrite;
import dev.vigil.ingest.onvif.OnvifDevice;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapHttpClient;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** PullPoint events from the simulated device: motion and tamper flow, unknown topics counted, renew, resubscribe, unsubscribe. */
class PullPointSubscriberIT {
    private static final Credentials LOGIN = new Credentials("admin", "pw");
    private static final CameraId CAM = CameraId.of("gate-1");

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eventsFlowRenewalsHappenAndFailuresResubscribe() throws Exception {
        List<CameraEvent> events = new CopyOnWriteArrayList<>();
        OnvifEventMetrics metrics = new OnvifEventMetrics();
        CameraEventListener both = new CameraEventListener() {
            @Override
            public void onEvent(CameraEvent event) {
                events.add(event);
                metrics.onEvent(event);
            }

            @Override
            public void onUnknownTopic(CameraId camera, String topic) {
                metrics.onUnknownTopic(camera, topic);
            }
        };
        SimulatedOnvifDevice.Options options = SimulatedOnvifDevice.Options.of(LOGIN, "rtsp://127.0.0.1/a",
                "rtsp://127.0.0.1/b").withClockOffset(Duration.ofMinutes(-30)).withAdvertisedHost("10.9.8.7")
                .withSubscriptionLifetime(Duration.ofSeconds(2));
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(options, "127.0.0.1");
                SoapHttpClient http = SoapHttpClient.create(Duration.ofSeconds(5))) {
            SoapClient soap = new SoapClient(http, LOGIN, Clock.systemUTC());
            OnvifDevice device = new OnvifDevice(soap, sim.deviceService(), AddressRewrite.Policy.AUTO);
            device.syncClock();
            AddressRewrite rewrite = new AddressRewrite(AddressRewrite.Policy.AUTO, sim.deviceService());
            PullPointSubscriber sub = new PullPointSubscriber(CAM, soap, device.services().events(), both,
                    Clock.systemUTC(), new PullPointSubscriber.Settings(Duration.ofSeconds(60), Duration.ofSeconds(1),
                            16, Duration.ofSeconds(2)), rewrite::service);
            try (sub) {
                sub.start();
                await("a subscription", () -> sim.activeSubscriptions() == 1);
                sim.emit("tns1:VideoSource/MotionAlarm", "State", "true");
                sim.emit("tns1:RuleEngine/CellMotionDetector/Motion", "IsMotion", "false");
                sim.emit("tns1:RuleEngine/TamperDetector/Tamper", "IsTamper", "true");
                sim.emit("tns1:Device/Trigger/DigitalInput", "LogicalState", "true");
                sim.emit("tns1:Device/Trigger/DigitalInput", "LogicalState", "false");
                await("three events", () -> events.size() == 3 && metrics.unknownTopics("gate-1") == 2);
                assertEquals(List.of(CameraEventKind.MOTION, CameraEventKind.MOTION, CameraEventKind.TAMPER),
                        events.stream().map(CameraEvent::kind).toList());
                assertEquals(List.of(true, false, true), events.stream().map(CameraEvent::active).toList());
                assertEquals("VideoSourceToken=vs1", events.get(0).source());
                assertEquals(2, metrics.events("gate-1", "motion"));
                assertEquals(1, metrics.events("gate-1", "tamper"));

                await("a renewal before the 2 s lifetime ran out", () -> sim.renewals() >= 1);

                sim.dropSubscriptions(); // a rebooted camera
                await("a new subscription", () -> sub.subscriptions() >= 2 && sim.activeSubscriptions() == 1);
                assertTrue(sub.failures() >= 1);
                sim.emit("tns1:VideoSource/MotionAlarm", "State", "false");
                await("the event after resubscribing", () -> events.size() == 4);
            }
            assertEquals(PullPointSubscriber.State.STOPPED, sub.state());
            assertEquals(1, sim.unsubscribes());
            assertEquals(0, sim.activeSubscriptions());
            assertEquals(0, sim.refusedLogins(), "the -30 min camera clock was used for wsu:Created");
            String exposition = metrics.collect().stream().map(s -> s.getMetadata().getPrometheusName())
                    .toList().toString();
            assertTrue(exposition.contains("vigil_onvif_events"), exposition);
        }
    }
}
