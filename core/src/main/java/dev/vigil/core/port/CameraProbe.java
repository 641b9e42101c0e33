package dev.vigil.core.port;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.model.ProbeReport;
import java.time.Duration;

/**
 * Tries a camera's stream with the gateway's own client, as {@code vigil probe} does, without
 * touching the running engine: connects (an ONVIF camera's stream URI is asked of the device
 * first), waits for the first picture, then counts what arrives.
 *
 * <p>Contract: bounded time (at most the connect timeout plus {@code listen}); failures of the
 * camera are reported in the {@link ProbeReport}, not thrown; throws
 * {@link dev.vigil.core.error.VigilException} only for what is wrong with the request
 * (INVALID_ARGUMENT: the password variable is unset) or RESOURCE_EXHAUSTED when too many probes run.
 */
public interface CameraProbe {
    ProbeReport probe(CameraConfig camera, Duration listen);
}
