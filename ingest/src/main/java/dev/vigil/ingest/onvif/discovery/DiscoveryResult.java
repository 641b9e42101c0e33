package dev.vigil.ingest.onvif.discovery;

import java.util.List;

/**
 * What one probe round found.
 *
 * @param devices every device that answered, one per endpoint reference, in order of first answer
 * @param unusableAnswers datagrams that were not usable WS-Discovery answers (counted, not thrown)
 * @param lastProblem the reason the latest unusable datagram was refused, or {@code null}
 */
public record DiscoveryResult(List<DiscoveredDevice> devices, int unusableAnswers, String lastProblem) {
    public DiscoveryResult {
        devices = List.copyOf(devices);
    }
}
