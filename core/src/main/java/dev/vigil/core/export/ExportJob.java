package dev.vigil.core.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An evidence export job as anyone may look it up: what was asked, how far it got, and when done
 * the files it produced.
 *
 * @param id the job's id: {@code x} and 20 characters of {@code [a-z2-7]} (100 random bits)
 * @param order what was asked
 * @param state where it is
 * @param progress 0 to 1: the share of source segments read, then of files stored
 * @param createdAt when it was asked for
 * @param finishedAt when it finished or failed, else {@code null}
 * @param files when {@link State#DONE}: the MP4 parts in order, the manifest, the signature; when
 *     {@link State#EXPIRED} or {@link State#DELETED}: the files it had (for the record; they are
 *     gone); else empty
 * @param error when {@link State#FAILED}: what went wrong, else {@code null}
 * @param errorMessage when failed, the message (names the camera, range or object), else {@code null}
 * @param removedAt when expired or deleted: when its files were removed, else {@code null}
 */
public record ExportJob(String id, ExportOrder order, State state, double progress, Instant createdAt,
        Instant finishedAt, List<ExportFile> files, ErrorKind error, String errorMessage, Instant removedAt) {
    private static final Pattern ID = Pattern.compile("x[a-z2-7]{20}");

    /**
     * A job's life: queued, running, then done or failed; a done job's files are later removed,
     * by retention ({@code expired}) or through the API ({@code deleted}).
     */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED, EXPIRED, DELETED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the job has ended (done, failed, expired, deleted): nothing runs for it any more. */
        public boolean finished() {
            return this != QUEUED && this != RUNNING;
        }

        /** Whether the job's files were removed (expired or deleted). */
        public boolean removed() {
            return this == EXPIRED || this == DELETED;
        }

        /** The state written as {@link #label()}. */
        public static State parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public ExportJob {
        checkId(id);
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        files = List.copyOf(files);
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be within 0..1, was " + progress);
        }
        if ((state == State.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a job has an error exactly when it failed");
        }
        if (state != State.DONE && !state.removed() && !files.isEmpty()) {
            throw new IllegalArgumentException("only a done (or since expired or deleted) job has files");
        }
        if (state.removed() != (removedAt != null)) {
            throw new IllegalArgumentException("a job has removedAt exactly when it expired or was deleted");
        }
        if (state.removed() && finishedAt == null) {
            throw new IllegalArgumentException("an expired or deleted job had finished");
        }
    }

    /** A job whose files have not been removed ({@code removedAt} null). */
    public ExportJob(String id, ExportOrder order, State state, double progress, Instant createdAt,
            Instant finishedAt, List<ExportFile> files, ErrorKind error, String errorMessage) {
        this(id, order, state, progress, createdAt, finishedAt, files, error, errorMessage, null);
    }

    /** This done job with its files removed: {@code state} EXPIRED or DELETED, at {@code at}. */
    public ExportJob removed(State state, Instant at) {
        if (!state.removed()) {
            throw new IllegalArgumentException("removed means expired or deleted, not " + state);
        }
        if (this.state != State.DONE) {
            throw new IllegalStateException("only a done job's files are removed; job " + id + " is " + this.state);
        }
        return new ExportJob(id, order, state, progress, createdAt, finishedAt, files, null, null,
                Objects.requireNonNull(at, "at"));
    }

    /**
     * Checks a job id's form.
     *
     * @throws VigilException INVALID_ARGUMENT when it is not one
     */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw VigilException.invalid("an export id is 'x' and 20 characters of a-z and 2-7, was "
                    + (id == null ? "null" : "'" + id.replaceAll("[^\\x20-\\x7e]", "?") + "'"));
        }
        return id;
    }

    /** The file called {@code name}, if the job produced one. */
    public java.util.Optional<ExportFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
