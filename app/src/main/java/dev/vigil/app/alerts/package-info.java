/**
 * Alerts of a node, wired: {@link dev.vigil.app.alerts.AlertRaiser} takes analytics events,
 * camera events, camera health changes and system alarms and routes them by camera to
 * {@link dev.vigil.app.alerts.AlertLane}s, which commit each message with its alert to the
 * catalog's outbox; {@link dev.vigil.app.alerts.AlertPublisher} drains the outbox to Kafka (idempotent
 * producer, key = camera, DLQ); {@link dev.vigil.app.alerts.AckConsumer} applies the IOC's
 * acknowledgements; {@link dev.vigil.app.alerts.AlertsWiring} starts and stops them together.
 * The records, the JSON and the rules of mapping are in {@code dev.vigil.core.alert}.
 */
package dev.vigil.app.alerts;
