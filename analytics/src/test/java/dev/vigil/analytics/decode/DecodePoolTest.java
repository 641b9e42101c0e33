package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.decode.CameraDecoderTest.Counts;
import dev.vigil.analytics.frame.GreyFrame;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link DecodePool} on the shared real footage. */
class DecodePoolTest {
    private static final DecoderSettings EVERY_FRAME = DecoderSettings.full(60).withAnalysisWidth(160);

    @Test
    void decodesSeveralCamerasInOrderOnFewerWorkers() throws Exception {
        Counts counts = new Counts();
        List<CameraId> cams = List.of(CameraId.of("a"), CameraId.of("b"), CameraId.of("c"));
        List<List<GreyFrame>> frames = new ArrayList<>();
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(2, 1000, 4), counts, System::nanoTime)) {
            for (CameraId cam : cams) {
                List<GreyFrame> mine = Collections.synchronizedList(new ArrayList<>());
                frames.add(mine);
                pool.register(cam, EVERY_FRAME, mine::add);
            }
            List<List<AccessUnit>> feeds = cams.stream().map(c -> SharedMedia.units(SharedMedia.H264, c)).toList();
            for (int i = 0; i < feeds.get(0).size(); i++) {
                for (List<AccessUnit> feed : feeds) {
                    assertTrue(pool.offer(feed.get(i)));
                }
            }
            assertTrue(pool.awaitIdle(120, TimeUnit.SECONDS));
        }
        for (int c = 0; c < cams.size(); c++) {
            List<GreyFrame> mine = frames.get(c);
            assertEquals(795, mine.size(), cams.get(c).value());
            for (int i = 0; i < mine.size(); i++) {
                assertEquals(cams.get(c), mine.get(i).camera());
                assertTrue(i == 0 || mine.get(i).pts90k() > mine.get(i - 1).pts90k(), "order");
            }
        }
        assertEquals(3 * 795, counts.decoded.get());
        assertEquals(0, counts.dropped(DropReason.BEHIND));
    }

    @Test
    void slowConsumerMakesTheCameraDropToTheNextKeyFrameWithoutBlockingTheProducer() throws Exception {
        CameraId cam = CameraId.of("slow");
        List<AccessUnit> units = SharedMedia.units(SharedMedia.H264, cam);
        Counts counts = new Counts();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<GreyFrame> frames = Collections.synchronizedList(new ArrayList<>());
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(1, 30, 4), counts, System::nanoTime)) {
            pool.register(cam, EVERY_FRAME, frame -> {
                frames.add(frame);
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(pool.offer(units.get(0)));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the consumer got the first picture and now blocks");
            // The consumer is stuck: units 1-30 fill the queue, 31 overflows it and everything up to
            // the key frame at 40 is dropped; 40-59 are queued again. No offer blocks.
            List<Boolean> queued = new ArrayList<>();
            for (AccessUnit u : units.subList(1, 60)) {
                queued.add(pool.offer(u));
            }
            assertEquals(20, pool.queued(cam));
            assertFalse(queued.get(30), "unit 31 overflowed");
            assertEquals(39, counts.dropped(DropReason.BEHIND), "units 1-39");
            release.countDown();
            assertTrue(pool.awaitIdle(60, TimeUnit.SECONDS));
        }
        assertEquals(21, counts.decoded.get(), "unit 0 and units 40-59");
        List<Long> expected = new ArrayList<>(List.of(units.get(0).pts90k()));
        units.subList(40, 60).forEach(u -> expected.add(u.pts90k()));
        assertEquals(expected, frames.stream().map(GreyFrame::pts90k).toList());
        assertTrue(frames.get(1).keyframe(), "delivery resumes at a key frame");
    }

    @Test
    void keyframesModeQueuesOnlyKeyFrames() throws Exception {
        CameraId cam = CameraId.of("keys");
        Counts counts = new Counts();
        List<GreyFrame> frames = Collections.synchronizedList(new ArrayList<>());
        int queued = 0;
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(1, 50, 4), counts, System::nanoTime)) {
            pool.register(cam, new DecoderSettings(AnalyticsMode.KEYFRAMES, 5, 160), frames::add);
            for (AccessUnit u : SharedMedia.units(SharedMedia.H265, cam)) {
                queued += pool.offer(u) ? 1 : 0;
            }
            assertTrue(pool.awaitIdle(60, TimeUnit.SECONDS));
        }
        assertEquals(40, queued);
        assertEquals(40, frames.size());
        assertTrue(frames.stream().allMatch(GreyFrame::keyframe));
        assertEquals(0, counts.dropped(DropReason.BEHIND));
    }

    @Test
    void consumerFailuresAreCountedAndDeliveryGoesOn() throws Exception {
        CameraId cam = CameraId.of("fails");
        Counts counts = new Counts();
        List<GreyFrame> frames = Collections.synchronizedList(new ArrayList<>());
        PrometheusRegistry registry = new PrometheusRegistry();
        DecodeMetrics metrics = new DecodeMetrics(registry);
        DecodeListener both = new DecodeListener() {
            @Override
            public void decoded(CameraId c, int n, long nanos) {
                counts.decoded(c, n, nanos);
                metrics.decoded(c, n, nanos);
            }

            @Override
            public void analysed(CameraId c, long nanos) {
                metrics.analysed(c, nanos);
            }

            @Override
            public void consumerFailed(CameraId c, RuntimeException e) {
                metrics.consumerFailed(c, e);
            }

            @Override
            public void opened(CameraId c, dev.vigil.core.model.Codec codec) {
                metrics.opened(c, codec);
            }
        };
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(1, 100, 4), both, System::nanoTime)) {
            pool.register(cam, EVERY_FRAME, frame -> {
                frames.add(frame);
                if (frames.size() % 2 == 0) {
                    throw new IllegalStateException("detector bug");
                }
            });
            SharedMedia.units(SharedMedia.H264, cam).subList(0, 40).forEach(pool::offer);
            assertTrue(pool.awaitIdle(60, TimeUnit.SECONDS));
        }
        assertEquals(40, frames.size());
        String text = scrape(registry);
        assertTrue(text.contains("vigil_analytics_decoded_frames_total{camera=\"fails\"} 40"), text);
        assertTrue(text.contains("vigil_analytics_analysed_frames_total{camera=\"fails\"} 40"), text);
        assertTrue(text.contains("vigil_analytics_consumer_failures_total{camera=\"fails\"} 20"), text);
        assertTrue(text.contains("vigil_analytics_decoder_opens_total{camera=\"fails\",codec=\"h264\"} 1"), text);
        assertTrue(text.contains("vigil_analytics_decode_seconds_count 40"), text);
    }

    /**
     * Unregistering while the consumer is inside a frame: the returned future completes only after
     * that frame returns (so the consumer can then be closed safely), the consumer sees nothing
     * more, and the camera can be registered again with a new consumer.
     */
    @Test
    void unregisterCompletesWhenTheConsumerIsNoLongerCalled() throws Exception {
        CameraId cam = CameraId.of("swap");
        List<AccessUnit> units = SharedMedia.units(SharedMedia.H264, cam);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<GreyFrame> old = Collections.synchronizedList(new ArrayList<>());
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(1, 100, 4), DecodeListener.NONE, System::nanoTime)) {
            pool.register(cam, EVERY_FRAME, frame -> {
                old.add(frame);
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            units.subList(0, 10).forEach(pool::offer);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            java.util.concurrent.CompletableFuture<Void> retired = pool.unregister(cam);
            Thread.sleep(200);
            assertFalse(retired.isDone(), "a frame is still inside the consumer");
            release.countDown();
            retired.get(30, TimeUnit.SECONDS);
            assertEquals(1, old.size(), "nothing after the frame in progress");
            assertFalse(pool.offer(units.get(10)), "units of an unregistered camera are refused");

            List<GreyFrame> fresh = Collections.synchronizedList(new ArrayList<>());
            pool.register(cam, EVERY_FRAME, fresh::add);
            units.subList(0, 30).forEach(pool::offer);
            assertTrue(pool.awaitIdle(60, TimeUnit.SECONDS));
            assertEquals(30, fresh.size(), "a new decoder from the key frame on");
            assertTrue(pool.unregister(CameraId.of("unknown")).isDone());
        }
        assertEquals(1, old.size());
    }

    @Test
    void registrationRules() {
        try (DecodePool pool = new DecodePool(new DecodePoolSettings(1, 10, 1), DecodeListener.NONE, System::nanoTime)) {
            CameraId cam = CameraId.of("x");
            pool.register(cam, EVERY_FRAME, f -> {});
            VigilException twice = assertThrows(VigilException.class, () -> pool.register(cam, EVERY_FRAME, f -> {}));
            assertEquals(ErrorKind.ALREADY_EXISTS, twice.kind());
            pool.register(CameraId.of("off"), new DecoderSettings(AnalyticsMode.OFF, 5, 320), f -> {});
            assertEquals(List.of(cam), List.copyOf(pool.cameras()));
            pool.unregister(cam);
            pool.unregister(cam);
            assertTrue(pool.cameras().isEmpty());
            pool.close();
            assertEquals(ErrorKind.FAILED_PRECONDITION,
                    assertThrows(VigilException.class, () -> pool.register(cam, EVERY_FRAME, f -> {})).kind());
        }
    }

    static String scrape(PrometheusRegistry registry) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
