package dev.vigil.core.error;

/**
 * The kind of a failure, independent of where it happened. Every module reports errors as a
 * {@link VigilException} carrying one of these; the API maps a kind to an HTTP status in one
 * place and the CLI maps it to an exit code.
 */
public enum ErrorKind {
    /** The caller sent something malformed or out of range (config, request, packet). */
    INVALID_ARGUMENT,
    /** The named thing does not exist. */
    NOT_FOUND,
    /** The thing to create exists already. */
    ALREADY_EXISTS,
    /** No valid credentials were given. */
    UNAUTHENTICATED,
    /** Credentials were valid but do not allow this. */
    PERMISSION_DENIED,
    /** The operation is not allowed in the current state. */
    FAILED_PRECONDITION,
    /**
     * The named thing existed but has been removed for good (e.g. an evidence export whose files
     * retention deleted); asking again will not bring it back. HTTP 410.
     */
    GONE,
    /** A limit was hit (size, rate, disk, queue). */
    RESOURCE_EXHAUSTED,
    /** A peer did not answer in time. */
    DEADLINE_EXCEEDED,
    /** A dependency (camera, broker, object store, database) cannot be reached now; retry later. */
    UNAVAILABLE,
    /** Data was lost or corrupted. */
    DATA_LOSS,
    /** The feature is not supported (codec, transport, method). */
    UNIMPLEMENTED,
    /** A bug: an invariant of ours was broken. */
    INTERNAL
}
