package dev.vigil.app.alerts;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.AlertOutbox;
import dev.vigil.storage.catalog.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a node's alert outbox into Kafka: rows in id order, key = camera id (so one camera's
 * messages share a partition and keep their order), headers {@code vigil-schema-version},
 * {@code vigil-alert-id}, {@code vigil-lifecycle}, {@code vigil-message-id}. A row is marked sent
 * once the broker acknowledged it ({@code acks=all}).
 *
 * <p>Delivery: at least once, in order per camera. The producer is idempotent
 * ({@code enable.idempotence=true}, {@code acks=all}, at most 5 requests in flight, set explicitly)
 * and never gives a record up ({@code delivery.timeout.ms} at its maximum): while the broker is
 * away it retries with exponential backoff (100 ms to 2 s) and keeps the records in order; this
 * loop stops handing it rows at {@value #MAX_IN_FLIGHT} unacknowledged ones and backs off (100 ms
 * to 5 s) when a send cannot even be queued. The rows are in the catalog meanwhile: a restart sends
 * what was not acknowledged again (a redelivery is byte-identical, with the same alert id). After a
 * fatal producer error the producer is closed, its unacknowledged rows go again from a new one.
 *
 * <p>Dead letters: a row that can never be sent (payload over {@code kafka.maxMessageBytes}, not
 * a valid alert message, or refused by the broker as too large or invalid) goes to
 * {@code kafka.dlqTopic} as a small JSON envelope with the reason (schema
 * {@code vigil.alerts.dlq.v1}), is marked dead-lettered and counted; it never holds up the rows
 * after it.
 *
 * <p>Threads: one, {@code vigil-alert-publisher}. {@link #wake()} may be called from any thread.
 */
public final class AlertPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);
    /** Rows handed to the producer and not yet acknowledged, at most. */
    static final int MAX_IN_FLIGHT = 2000;
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5000;
    private static final Duration RETENTION_PERIOD = Duration.ofHours(1);

    /** Makes the producer; tests and the benchmark give their own settings through it. */
    interface ProducerFactory {
        Producer<String, byte[]> create();
    }

    private record Acked(long id, int partition, long offset, Instant createdAt) { }

    private record DeadLetter(OutboxMessage row, String reason, String detail) { }

    private final AlertOutbox outbox;
    private final String node;
    private final String topic;
    private final String dlqTopic;
    private final int maxMessageBytes;
    private final ProducerFactory producers;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Duration outboxRetention;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DeadLetter> toDeadLetter = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DeadLetter> deadLettered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean producerBroken;
    /** Bumped when the producer is replaced: callbacks of an older producer are ignored (its rows go again). */
    private volatile int generation;
    private Producer<String, byte[]> producer;
    private long backoffMs;
    private Instant nextRetention = Instant.EPOCH;

    AlertPublisher(AlertOutbox outbox, String node, KafkaConfig kafka, ProducerFactory producers, AlertMetrics metrics,
            Clock clock, Duration outboxRetention) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.node = Objects.requireNonNull(node, "node");
        this.topic = kafka.alertsTopic();
        this.dlqTopic = kafka.dlqTopic();
        this.maxMessageBytes = kafka.maxMessageBytes();
        this.producers = Objects.requireNonNull(producers, "producers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outboxRetention = outboxRetention;
        this.thread = new Thread(this::run, "vigil-alert-publisher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Tells the publisher that rows were committed; cheap, any thread. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void run() {
        while (running) {
            try {
                loopOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("alert publisher: unexpected failure; going on", e);
                sleep(MAX_BACKOFF_MS);
            }
        }
    }

    private void loopOnce() throws InterruptedException {
        if (producer == null || producerBroken) {
            replaceProducer();
        }
        boolean progress = settle();
        if (!Instant.now(clock).isBefore(nextRetention)) {
            nextRetention = clock.instant().plus(RETENTION_PERIOD);
            deleteOldRows();
        }
        int sent = 0;
        if (inFlight.size() < MAX_IN_FLIGHT) {
            List<OutboxMessage> rows;
            try {
                rows = outbox.pending(node, MAX_IN_FLIGHT);
            } catch (VigilException e) {
                log.warn("alert publisher: cannot read the outbox, retrying: {}", e.getMessage());
                backOff("catalog_unavailable");
                return;
            }
            for (OutboxMessage row : rows) {
                if (inFlight.size() >= MAX_IN_FLIGHT || producerBroken) {
                    break;
                }
                if (inFlight.contains(row.id())) {
                    continue;
                }
                if (!send(row)) {
                    backOff("broker_unavailable");
                    return;
                }
                sent++;
            }
        }
        if (sent > 0 || progress) {
            backoffMs = 0;
        }
        if (sent == 0) {
            wakeUp.tryAcquire(progress ? 5 : 500, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        }
    }

    /**
     * Hands one row to the producer, or to the DLQ when it can never be sent.
     *
     * @return false when the producer could not take it now (broker away, buffer full): try later
     */
    private boolean send(OutboxMessage row) {
        byte[] payload = row.payload().getBytes(StandardCharsets.UTF_8);
        if (payload.length > maxMessageBytes - AlertRecords.RECORD_OVERHEAD) {
            deadLetter(new DeadLetter(row, "too_large", payload.length + " bytes, more than kafka.maxMessageBytes "
                    + maxMessageBytes + " less " + AlertRecords.RECORD_OVERHEAD + " for the record"));
            return true;
        }
        Alert alert;
        try {
            alert = AlertJson.decode(row.payload());
            if (!alert.alertId().equals(row.alertId()) || !alert.camera().id().value().equals(row.camera())) {
                throw VigilException.invalid("the message's alert or camera differs from its outbox row's ("
                        + row.alertId() + ", " + row.camera() + ")");
            }
        } catch (VigilException e) {
            deadLetter(new DeadLetter(row, "unserializable", e.getMessage()));
            return true;
        }
        ProducerRecord<String, byte[]> record = AlertRecords.alert(topic, row, payload);
        inFlight.add(row.id());
        int gen = generation;
        boolean[] notQueued = new boolean[1];
        try {
            producer.send(record, (meta, e) -> {
                if (e instanceof org.apache.kafka.common.errors.TimeoutException
                        && Thread.currentThread() == thread) {
                    notQueued[0] = true; // failed inside send(): no metadata or buffer space in time, never queued
                    return;
                }
                if (gen != generation) {
                    return;
                }
                wake();
                if (e == null) {
                    acked.add(new Acked(row.id(), meta.partition(), meta.offset(), row.createdAt()));
                } else if (e instanceof RecordTooLargeException || e instanceof InvalidRecordException) {
                    toDeadLetter.add(new DeadLetter(row, e instanceof RecordTooLargeException ? "too_large" : "rejected",
                            "the broker refused it: " + e.getMessage()));
                } else {
                    failed.add(row.id());
                    producerBroken = true;
                    log.warn("alert publisher: message {} of alert {} failed ({}); the producer is replaced and the"
                            + " message sent again", row.id(), row.alertId(), e.toString());
                }
            });
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            notQueued[0] = true;
        } catch (KafkaException e) {
            inFlight.remove(row.id());
            producerBroken = true;
            log.warn("alert publisher: the producer failed ({}); replacing it", e.toString());
            return false;
        }
        if (notQueued[0]) {
            // Stop this pass here: a later row of the same camera must not overtake this one.
            inFlight.remove(row.id());
            return false;
        }
        return true;
    }

    /** Sends the dead-letter envelope; the row is marked once the DLQ topic took it (or refused it too). */
    private void deadLetter(DeadLetter d) {
        OutboxMessage row = d.row();
        inFlight.add(row.id());
        log.error("alert message {} of alert {} (camera {}, {}) can never be sent: {}: {}; it goes to {}", row.id(),
                row.alertId(), row.camera(), row.lifecycle(), d.reason(), d.detail(), dlqTopic);
        int gen = generation;
        try {
            producer.send(AlertRecords.deadLetter(dlqTopic, row, d.reason(), d.detail(), node, maxMessageBytes,
                    clock.instant()), (meta, e) -> {
                        if (e instanceof org.apache.kafka.common.errors.TimeoutException
                                && Thread.currentThread() == thread) {
                            inFlight.remove(row.id()); // not queued: tried again on the next pass
                            return;
                        }
                        if (gen != generation) {
                            return;
                        }
                        wake();
                        if (e == null || e instanceof RecordTooLargeException || e instanceof InvalidRecordException) {
                            deadLettered.add(e == null ? d : new DeadLetter(row, d.reason(), d.detail()
                                    + " (and the DLQ refused it: " + e.getMessage() + ")"));
                        } else {
                            failed.add(row.id());
                            producerBroken = true;
                        }
                    });
        } catch (KafkaException e) {
            inFlight.remove(row.id()); // tried again on the next pass
            if (!(e instanceof org.apache.kafka.common.errors.TimeoutException)) {
                producerBroken = true;
            }
        }
    }

    /** Marks acknowledged and dead-lettered rows in the catalog; returns whether anything settled. */
    private boolean settle() {
        boolean progress = false;
        for (DeadLetter d = toDeadLetter.poll(); d != null; d = toDeadLetter.poll()) {
            inFlight.remove(d.row().id());
            deadLetter(d);
            progress = true;
        }
        List<Acked> batch = new ArrayList<>();
        for (Acked a = acked.poll(); a != null; a = acked.poll()) {
            batch.add(a);
        }
        if (!batch.isEmpty()) {
            Instant now = clock.instant();
            try {
                outbox.markSent(batch.stream().map(a -> new AlertOutbox.Sent(a.id(), a.partition(), a.offset()))
                        .toList(), now);
                for (Acked a : batch) {
                    inFlight.remove(a.id());
                    metrics.sent(Duration.between(a.createdAt(), now).toNanos() / 1e9);
                }
                progress = true;
            } catch (VigilException e) {
                acked.addAll(batch); // sent, not yet marked: kept in flight so they are not sent again
                log.warn("alert publisher: cannot mark {} messages sent, retrying: {}", batch.size(), e.getMessage());
            }
        }
        for (DeadLetter d = deadLettered.poll(); d != null; d = deadLettered.poll()) {
            try {
                outbox.markDeadLettered(d.row().id(), d.reason() + ": " + d.detail(), clock.instant());
                inFlight.remove(d.row().id());
                metrics.deadLettered(d.reason());
                progress = true;
            } catch (VigilException e) {
                deadLettered.add(d);
                log.warn("alert publisher: cannot mark message {} dead-lettered, retrying: {}", d.row().id(),
                        e.getMessage());
                break;
            }
        }
        for (Long id = failed.poll(); id != null; id = failed.poll()) {
            inFlight.remove(id);
        }
        return progress;
    }

    private void replaceProducer() {
        if (producer != null) {
            log.warn("alert publisher: closing the failed producer; {} messages go again", inFlight.size());
            settle();
            generation++;
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.warn("alert publisher: closing the producer: {}", e.toString());
            }
            producer = null;
            // Anything the closed producer had not confirmed is sent again.
            inFlight.clear();
            acked.clear();
            sleep(nextBackoff());
        }
        try {
            producer = producers.create();
            producerBroken = false;
        } catch (KafkaException e) {
            log.warn("alert publisher: cannot create the producer, retrying: {}", e.toString());
            sleep(nextBackoff());
        }
    }

    private void deleteOldRows() {
        if (outboxRetention == null) {
            return;
        }
        try {
            int deleted = outbox.deleteDone(clock.instant().minus(outboxRetention));
            if (deleted > 0) {
                log.info("alert outbox: deleted {} rows sent more than {} h ago", deleted, outboxRetention.toHours());
            }
        } catch (VigilException e) {
            log.warn("alert outbox: retention failed, next try in {}: {}", RETENTION_PERIOD, e.getMessage());
        }
    }

    private void backOff(String reason) {
        metrics.retry(reason);
        sleep(nextBackoff());
    }

    private long nextBackoff() {
        backoffMs = backoffMs == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        return backoffMs;
    }

    private void sleep(long ms) {
        try {
            wakeUp.tryAcquire(ms, TimeUnit.MILLISECONDS); // a close() cuts it short
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Rows handed to the producer and not yet settled. */
    int inFlight() {
        return inFlight.size();
    }

    /**
     * Stops: waits up to {@code grace} for the producer to deliver what it holds (what it does not
     * is sent again at the next start), then closes it.
     */
    public void close(Duration grace) {
        running = false;
        wakeUp.release();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            try {
                producer.close(grace);
            } catch (RuntimeException e) {
                log.warn("alert publisher: closing the producer: {}", e.toString());
            }
            try {
                settle();
            } catch (RuntimeException e) {
                log.warn("alert publisher: marking the last messages sent: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "AlertPublisher[" + node + " -> " + topic + ", " + inFlight.size() + " in flight]";
    }
}
