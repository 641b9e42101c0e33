package dev.vigil.core.model;

/**
 * Where an analytics event is in its life. Every event that starts ends: a condition that lasts
 * (intrusion, loitering, crowding, stopped object, tamper) sends {@code START}, zero or more
 * {@code UPDATE}s and one {@code END}; an instant one (a line crossing) sends {@code START} and
 * {@code END} together, with the same start and end time.
 */
public enum AnalyticsEventPhase {
    START,
    UPDATE,
    END
}
