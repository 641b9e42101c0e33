package dev.vigil.api.http;

/**
 * Serves one route. Runs on an API worker thread, never on the event loop, so it may block on the
 * catalog or the object store. Return a response; throw a
 * {@link dev.vigil.core.error.VigilException} (or {@link FieldError}) to answer with the error
 * body, mapped by {@link ApiError}. Anything else thrown is a bug: answered 500 with a generic
 * message and logged with the request id.
 */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
