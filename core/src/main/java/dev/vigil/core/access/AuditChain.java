package dev.vigil.core.access;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit log's hash chain. Row {@code n}'s hash is the SHA-256 of an unambiguous encoding of
 * {@code n}, row {@code n-1}'s hash and every field of the event; row 1 links to
 * {@link #GENESIS}. Changing, inserting or deleting a row therefore changes a hash that a later
 * row (or, for the last row, an externally kept head hash) has recorded. Pure.
 *
 * <p>Implementation note: each field is written as a 4-byte length (or -1 for null) followed by
 * its UTF-8 bytes; times as their ISO-8601 text. Length prefixes make {@code ("ab","c")} and
 * {@code ("a","bc")} hash differently. Version 1 of the encoding starts with the byte 1.
 */
public final class AuditChain {
    /** What row 1 links to: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The hash of row {@code seq} holding {@code event}, linked to {@code previousHash}. */
    public static String hash(long seq, String previousHash, AuditEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(seq);
            field(out, previousHash);
            field(out, text(event.at()));
            field(out, event.actor());
            field(out, event.actorName());
            field(out, event.role() == null ? null : event.role().label());
            field(out, event.action().label());
            field(out, event.camera() == null ? null : event.camera().value());
            field(out, text(event.from()));
            field(out, text(event.to()));
            field(out, event.target());
            field(out, event.reason());
            field(out, event.remote());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The record for {@code event} appended after a row {@code previousSeq} whose hash is {@code previousHash}. */
    public static AuditRecord next(long previousSeq, String previousHash, AuditEvent event) {
        long seq = previousSeq + 1;
        return new AuditRecord(seq, event, previousHash, hash(seq, previousHash, event));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Checks rows fed in {@code seq} order, one at a time: {@link #accept} returns false at the
     * first broken one, then {@link #result()} says which and why. Not thread-safe.
     */
    public static final class Verifier {
        private long expectedSeq = 1;
        private String previousHash = GENESIS;
        private long checked;
        private Long brokenSeq;
        private String problem;

        /** Checks the next row; false once a row is broken (later rows are not looked at). */
        public boolean accept(AuditRecord row) {
            if (brokenSeq != null) {
                return false;
            }
            checked++;
            if (row.seq() != expectedSeq) {
                return broken(row.seq(), "expected row " + expectedSeq + " next, found row " + row.seq()
                        + " (rows missing)");
            }
            if (!row.previousHash().equals(previousHash)) {
                return broken(row.seq(), "its link does not match the hash of row " + (row.seq() - 1)
                        + " (a row before it was changed or replaced)");
            }
            String recomputed = hash(row.seq(), row.previousHash(), row.event());
            if (!recomputed.equals(row.hash())) {
                return broken(row.seq(), "its contents do not match its hash (the row was changed)");
            }
            previousHash = row.hash();
            expectedSeq++;
            return true;
        }

        private boolean broken(long seq, String why) {
            brokenSeq = seq;
            problem = "row " + seq + ": " + why;
            return false;
        }

        public AuditVerification result() {
            return brokenSeq == null ? new AuditVerification(true, checked, null, null, previousHash)
                    : new AuditVerification(false, checked, brokenSeq, problem, null);
        }
    }
}
