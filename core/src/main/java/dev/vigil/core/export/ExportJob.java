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
 * @param files when {@link State#DONE}: the MP4 parts in order, the manifest, the signature; else empty
 * @param error when {@link State#FAILED}: what went wrong, else {@code null}
 * @param errorMessage when failed, the message (names the camera, range or object), else {@code null}
 */
public record ExportJob(String id, ExportOrder order, State state, double progress, Instant createdAt,
        Instant finishedAt, List<ExportFile> files, ErrorKind error, String errorMessage) {
    private static final Pattern ID = Pattern.compile("x[a-z2-7]{20}");

    /** A job's life: queued, running, then done or failed. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
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
        if (state != State.DONE && !files.isEmpty()) {
            throw new IllegalArgumentException("only a done job has files");
        }
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
