/**
 * Trying one camera's stream with the gateway's own client: {@link dev.vigil.app.probe.StreamProbe},
 * behind both {@code vigil probe} and {@code POST /api/v1/cameras/{id}/test}.
 */
package dev.vigil.app.probe;
