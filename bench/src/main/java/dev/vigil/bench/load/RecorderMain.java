package dev.vigil.bench.load;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import dev.vigil.storage.record.SegmentRecorder;
import dev.vigil.storage.record.Spool;
import dev.vigil.storage.record.SpooledSegment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vigil recording under load in a process of its own: {@code RecorderMain URL_PREFIX CAMERAS
 * IO_THREADS SPOOL_DIR SEGMENT_SECONDS}. The gateway feeds one {@link SegmentRecorder} per camera
 * on two lanes, as the node does, into a {@link Spool} on disk; a consumer thread takes each
 * finished segment and deletes it (standing in for the upload, which needs an S3 server that the
 * ffmpeg side does not have). Commands on standard input: {@code STATUS}; end of input stops it.
 */
public final class RecorderMain {
    private RecorderMain() {}

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        int cameras = Integer.parseInt(args[1]);
        int ioThreads = Integer.parseInt(args[2]);
        Path spoolDir = Path.of(args[3]);
        int segmentSeconds = Integer.parseInt(args[4]);
        List<CameraConfig> configs = new ArrayList<>();
        for (int i = 1; i <= cameras; i++) {
            configs.add(new CameraConfig("load-" + i, "load", null, null, prefix + i, null, Transport.TCP, null,
                    null, null, null, true));
        }
        AtomicLong segments = new AtomicLong();
        AtomicLong segmentBytes = new AtomicLong();
        AtomicLong payloadSamples = new AtomicLong();
        AtomicLong breaks = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        SegmentRecorder.Listener listener = new SegmentRecorder.Listener() {
            @Override
            public void onSegment(SpooledSegment s) {
                segments.incrementAndGet();
                segmentBytes.addAndGet(s.bytes());
                payloadSamples.addAndGet(s.samples());
            }

            @Override
            public void onBreak(CameraId camera, SegmentRecorder.BreakReason reason) {
                breaks.incrementAndGet();
            }

            @Override
            public void onSkipped(CameraId camera, long units) {
                skipped.addAndGet(units);
            }

            @Override
            public void onWriteError(CameraId camera, VigilException error) {
                errors.incrementAndGet();
            }
        };
        Spool spool = new Spool(spoolDir, 64L << 30, Spool.Listener.NONE);
        try (Gateway gateway = Gateway.start(configs, new IngestConfig(null, null, null, null), Map.of(),
                Clock.systemUTC(), ioThreads)) {
            List<List<Object[]>> lanes = List.of(new ArrayList<>(), new ArrayList<>());
            int n = 0;
            for (CameraId id : gateway.cameras()) {
                SegmentRecorder rec = new SegmentRecorder(id, "load", null, SegmentRecorder.Settings.of(segmentSeconds),
                        spool, listener);
                lanes.get(n++ % 2).add(new Object[] {gateway.subscribe(id, 2048), rec});
            }
            List<Thread> threads = new ArrayList<>();
            for (List<Object[]> lane : lanes) {
                threads.add(start("load-record", () -> drain(lane)));
            }
            threads.add(start("load-consume", () -> consume(spool)));
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            List<Subscription> subs = lanes.stream().flatMap(List::stream).map(o -> (Subscription) o[0]).toList();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("STATUS")) {
                    System.out.println(GatewayMain.totals(gateway.health().values(), subs) + " segments="
                            + segments.get() + " segmentBytes=" + segmentBytes.get() + " samples=" + payloadSamples.get()
                            + " breaks=" + breaks.get() + " skipped=" + skipped.get() + " writeErrors=" + errors.get());
                    System.out.flush();
                }
            }
            threads.forEach(Thread::interrupt);
        }
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void drain(List<Object[]> lane) {
        while (!Thread.currentThread().isInterrupted()) {
            boolean any = false;
            for (Object[] c : lane) {
                Subscription s = (Subscription) c[0];
                SegmentRecorder rec = (SegmentRecorder) c[1];
                for (AccessUnit u = s.poll(); u != null; u = s.poll()) {
                    rec.accept(u);
                    any = true;
                }
            }
            if (!any) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void consume(Spool spool) {
        while (!Thread.currentThread().isInterrupted()) {
            Optional<SpooledSegment> s = spool.take(Set.of());
            if (s.isPresent()) {
                spool.uploaded(s.get());
                continue;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
