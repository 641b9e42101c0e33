package dev.vigil.core.review;

import dev.vigil.core.error.VigilException;

/**
 * A position in the feed of alert changes: the last alert message (outbox row id) and the last
 * action (action row id) delivered. Written as the Server-Sent Events id {@code <message>-<action>},
 * which a client sends back as {@code Last-Event-ID} to resume.
 *
 * @param message the last message row id seen, 0 or more
 * @param action the last action row id seen, 0 or more
 */
public record FeedPosition(long message, long action) {
    /** Longest text {@link #parse} reads. */
    public static final int MAX_LENGTH = 41;

    public FeedPosition {
        if (message < 0 || action < 0) {
            throw VigilException.invalid("feed position must not be negative: " + message + "-" + action);
        }
    }

    /** The text form, {@code 123-45}. */
    public String text() {
        return message + "-" + action;
    }

    /**
     * Reads {@link #text()}.
     *
     * @throws VigilException INVALID_ARGUMENT if malformed
     */
    public static FeedPosition parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !text.matches("[0-9]{1,19}-[0-9]{1,19}")) {
            throw VigilException.invalid("Last-Event-ID must be an event id this stream sent, such as 120-7");
        }
        int dash = text.indexOf('-');
        try {
            return new FeedPosition(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw VigilException.invalid("Last-Event-ID must be an event id this stream sent, such as 120-7");
        }
    }

    /** The later of this and {@code other}, stream by stream. */
    public FeedPosition max(FeedPosition other) {
        return new FeedPosition(Math.max(message, other.message), Math.max(action, other.action));
    }
}
