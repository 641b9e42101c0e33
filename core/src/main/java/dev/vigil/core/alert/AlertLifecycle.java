package dev.vigil.core.alert;

/**
 * Where an alert is in its life, as each message on the topic says: one {@code OPENED}, zero or
 * more {@code UPDATED} (new count, boxes or confidence, the clip once uploaded), one {@code CLOSED}
 * last. Written in upper case on the wire.
 */
public enum AlertLifecycle {
    OPENED,
    UPDATED,
    CLOSED
}
