package dev.vigil.app.alerts;

import dev.vigil.app.VigilNode;
import dev.vigil.core.config.AlertsConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.NodeConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.storage.catalog.AlertOutbox;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole Vigil node (embedded S3, Kafka, catalog) run as a child process by {@link AlertKillIT},
 * with 20 configured cameras (disabled: no streams, only alerts) and the alerts of a burst raised
 * through its analytics sink, as the analytics would.
 *
 * <p>{@code AlertBurstNode DATA_DIR burst N}: raises N alerts (START and END each) over about
 * N/500 s, printing {@code raised I} every 50 and {@code committed M} (outbox rows) every 50 ms,
 * then waits to be killed. {@code AlertBurstNode
 * DATA_DIR drain}: starts, waits until the outbox is empty, prints {@code drained}, stops.
 * Ports come from {@code VIGIL_*} variables as for {@code vigil demo}.
 */
public final class AlertBurstNode {
    private AlertBurstNode() {}

    public static void main(String[] args) throws Exception {
        VigilConfig config = new ConfigLoader(System.getenv()).load();
        config = config.withNode(new NodeConfig("vigil-1", args[0]))
                .withSitesAndCameras(List.of(new SiteConfig("yard", "North yard", new LocationConfig(21.59, 105.84, null))),
                        AlertsRig.cameras(20).stream().map(c -> new dev.vigil.core.config.CameraConfig(c.id(), c.site(),
                                c.name(), c.kind(), c.url(), null, null, null, c.location(), null, null, false)).toList())
                .withAlerts(new AlertsConfig(true, 30, null, 0, 20, 1000, null, null));
        VigilNode node = VigilNode.start(config, System.getenv());
        System.out.println("started");
        if (args[1].equals("burst")) {
            Thread progress = new Thread(() -> {
                try (java.sql.Connection c = node.catalog().dataSource().getConnection();
                        java.sql.Statement s = c.createStatement()) {
                    while (true) {
                        try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert_outbox")) {
                            rs.next();
                            System.out.println("committed " + rs.getLong(1));
                        }
                        TimeUnit.MILLISECONDS.sleep(50);
                    }
                } catch (Exception e) {
                    System.out.println("progress: " + e);
                }
            }, "progress");
            progress.setDaemon(true);
            progress.start();
            int n = Integer.parseInt(args[2]);
            AlertRaiser raiser = node.alerts().raiser();
            Instant t0 = Instant.now();
            for (int i = 0; i < n; i++) {
                String camera = String.format("cam-%02d", i % 20 + 1);
                UUID event = UUID.randomUUID();
                Instant start = t0.plusMillis(i);
                raiser.accept(AlertEvents.start(event, camera, start));
                raiser.accept(AlertEvents.end(event, camera, start, start.plusMillis(300)));
                if (i % 50 == 49) {
                    System.out.println("raised " + (i + 1));
                    System.out.flush();
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            TimeUnit.HOURS.sleep(1);
        } else {
            AlertOutbox outbox = new AlertOutbox(node.catalog().dataSource());
            while (outbox.backlog("vigil-1").count() > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            System.out.println("drained");
            System.out.flush();
            node.close();
        }
    }
}
