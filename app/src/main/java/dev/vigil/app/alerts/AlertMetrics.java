package dev.vigil.app.alerts;

import dev.vigil.storage.catalog.AlertOutbox;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The alert pipeline as Prometheus metrics (all {@code vigil_alert*}):
 * <ul>
 *   <li>raising: {@code vigil_alerts_opened_total{source,type}}, {@code vigil_alert_messages_committed_total{lifecycle}},
 *       {@code vigil_alert_events_dropped_total{reason}} ({@code queue_full}, {@code unknown_camera},
 *       {@code commit_failed}), {@code vigil_alert_snapshots_total{outcome}} ({@code stored}, {@code failed}),
 *       {@code vigil_alert_clips_total{outcome}} ({@code announced}, {@code failed}, {@code timed_out}),
 *       {@code vigil_alerts_closed_at_restart_total}, {@code vigil_alert_raise_seconds} (an analytics event
 *       reaching the alerts to its OPENED committed);
 *   <li>delivery: {@code vigil_alert_messages_sent_total}, {@code vigil_alert_delivery_seconds} (commit to
 *       broker acknowledgement), {@code vigil_alert_send_retries_total{reason}}, {@code vigil_alert_dlq_total{reason}},
 *       {@code vigil_alert_outbox_pending}, {@code vigil_alert_outbox_oldest_seconds} (how far delivery lags;
 *       read from the catalog at scrape time, NaN when it cannot be read);
 *   <li>acknowledgements: {@code vigil_alert_acks_total{action,outcome}} ({@code applied}, {@code recorded_older},
 *       {@code duplicate}), {@code vigil_alert_acks_rejected_total{reason}} ({@code empty}, {@code too_large},
 *       {@code not_json}, {@code bad_field}, {@code unknown_alert}).
 * </ul>
 * Callbacks are fast and never throw; thread-safe.
 */
public final class AlertMetrics {
    private final Counter opened;
    private final Counter committed;
    private final Counter dropped;
    private final Counter snapshots;
    private final Counter clips;
    private final Counter closedAtRestart;
    private final Counter sent;
    private final Histogram raise;
    private final Histogram delivery;
    private final Counter retries;
    private final Counter dlq;
    private final Counter acks;
    private final Counter acksRejected;

    /** Registers the metrics; the backlog gauges call {@code backlog} at scrape time. */
    public AlertMetrics(PrometheusRegistry registry, Supplier<AlertOutbox.Backlog> backlog, Clock clock) {
        opened = Counter.builder().name("vigil_alerts_opened_total").help("alerts opened, by source and rule type")
                .labelNames("source", "type").register(registry);
        committed = Counter.builder().name("vigil_alert_messages_committed_total")
                .help("alert messages committed to the outbox").labelNames("lifecycle").register(registry);
        dropped = Counter.builder().name("vigil_alert_events_dropped_total")
                .help("events that raised no alert message, by reason").labelNames("reason").register(registry);
        snapshots = Counter.builder().name("vigil_alert_snapshots_total").help("alert snapshots stored or not")
                .labelNames("outcome").register(registry);
        clips = Counter.builder().name("vigil_alert_clips_total").help("alert clips announced or given up")
                .labelNames("outcome").register(registry);
        closedAtRestart = Counter.builder().name("vigil_alerts_closed_at_restart_total")
                .help("alerts left open by the previous run and closed at start").register(registry);
        raise = Histogram.builder().name("vigil_alert_raise_seconds")
                .help("from an analytics event reaching the alerts to its OPENED message committed (queue, snapshot, commit)")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        sent = Counter.builder().name("vigil_alert_messages_sent_total")
                .help("alert messages acknowledged by the broker").register(registry);
        delivery = Histogram.builder().name("vigil_alert_delivery_seconds")
                .help("from commit to the outbox to the broker's acknowledgement")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
                .register(registry);
        retries = Counter.builder().name("vigil_alert_send_retries_total")
                .help("sends put off while the broker is away, by reason").labelNames("reason").register(registry);
        dlq = Counter.builder().name("vigil_alert_dlq_total")
                .help("alert messages sent to the dead-letter topic, by reason").labelNames("reason").register(registry);
        acks = Counter.builder().name("vigil_alert_acks_total")
                .help("acknowledgements applied, by action and outcome").labelNames("action", "outcome")
                .register(registry);
        acksRejected = Counter.builder().name("vigil_alert_acks_rejected_total")
                .help("acknowledgement messages skipped, by reason").labelNames("reason").register(registry);
        GaugeWithCallback.builder().name("vigil_alert_outbox_pending").help("alert messages committed, not yet sent")
                .callback(cb -> cb.call(read(backlog) == null ? Double.NaN : read(backlog).count()))
                .register(registry);
        GaugeWithCallback.builder().name("vigil_alert_outbox_oldest_seconds")
                .help("age of the oldest unsent alert message, 0 when none waits")
                .callback(cb -> {
                    AlertOutbox.Backlog b = read(backlog);
                    cb.call(b == null ? Double.NaN : b.oldest()
                            .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0)).orElse(0.0));
                })
                .register(registry);
    }

    private static AlertOutbox.Backlog read(Supplier<AlertOutbox.Backlog> backlog) {
        try {
            return backlog.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    void opened(String source, String type) {
        opened.labelValues(source, type).inc();
    }

    void committed(String lifecycle) {
        committed.labelValues(lifecycle).inc();
    }

    void dropped(String reason) {
        dropped.labelValues(reason).inc();
    }

    void snapshot(String outcome) {
        snapshots.labelValues(outcome).inc();
    }

    void clip(String outcome) {
        clips.labelValues(outcome).inc();
    }

    void closedAtRestart() {
        closedAtRestart.inc();
    }

    void raised(double seconds) {
        raise.observe(Math.max(0, seconds));
    }

    void sent(double seconds) {
        sent.inc();
        delivery.observe(Math.max(0, seconds));
    }

    void retry(String reason) {
        retries.labelValues(reason).inc();
    }

    void deadLettered(String reason) {
        dlq.labelValues(reason).inc();
    }

    void ack(String action, String outcome) {
        acks.labelValues(action, outcome).inc();
    }

    void ackRejected(String reason) {
        acksRejected.labelValues(reason).inc();
    }
}
