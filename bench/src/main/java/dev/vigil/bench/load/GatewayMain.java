package dev.vigil.bench.load;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vigil's gateway under load in a process of its own: {@code GatewayMain URL_PREFIX CAMERAS
 * IO_THREADS}, cameras {@code URL_PREFIX1} to {@code URL_PREFIX<n>}. Every camera has one
 * subscriber that drains its access units, as the recorder will. Commands on standard input:
 * {@code STATUS} prints one line of totals; end of input stops it.
 */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        int cameras = Integer.parseInt(args[1]);
        int ioThreads = Integer.parseInt(args[2]);
        List<CameraConfig> configs = new ArrayList<>();
        for (int i = 1; i <= cameras; i++) {
            configs.add(new CameraConfig("load-" + i, "load", null, null, prefix + i, null, Transport.TCP, null,
                    null, null, null, true));
        }
        IngestConfig ingest = new IngestConfig(null, null, null, null);
        try (Gateway gateway = Gateway.start(configs, ingest, Map.of(), Clock.systemUTC(), ioThreads)) {
            List<Subscription> subs = new ArrayList<>();
            for (CameraId id : gateway.cameras()) {
                subs.add(gateway.subscribe(id, 64));
            }
            Thread drain = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    boolean any = false;
                    for (Subscription s : subs) {
                        while (s.poll() != null) {
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
            }, "load-drain");
            drain.setDaemon(true);
            drain.start();
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("STATUS")) {
                    System.out.println(totals(gateway.health().values(), subs));
                    System.out.flush();
                }
            }
            drain.interrupt();
        }
    }

    static String totals(Iterable<CameraHealth> health, List<Subscription> subs) {
        long units = 0;
        long bytes = 0;
        long lost = 0;
        long reconnects = 0;
        long playing = 0;
        long cameras = 0;
        long drops = 0;
        for (CameraHealth h : health) {
            cameras++;
            units += h.accessUnits();
            bytes += h.bytes();
            lost += h.packetsLost();
            reconnects += h.reconnects();
            playing += h.state() == CameraState.PLAYING ? 1 : 0;
        }
        for (Subscription s : subs) {
            drops += s.dropped();
        }
        return "STATUS cameras=" + cameras + " playing=" + playing + " units=" + units + " bytes=" + bytes
                + " lost=" + lost + " reconnects=" + reconnects + " drops=" + drops;
    }
}
