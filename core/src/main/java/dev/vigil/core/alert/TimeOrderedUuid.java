package dev.vigil.core.alert;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562, section 5.7): 48 bits of Unix milliseconds, then random bits, so ids
 * sort by creation time as text and as numbers. Thread-safe. Within one millisecond the order of
 * two ids is random; nothing here needs more.
 */
public final class TimeOrderedUuid {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {}

    /** A new version 7 UUID for time {@code at}. */
    public static UUID at(Instant at) {
        long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The millisecond time of a version 7 UUID. */
    public static Instant timeOf(UUID id) {
        if (id.version() != 7) {
            throw dev.vigil.core.error.VigilException.invalid("not a version 7 UUID: " + id);
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }
}
