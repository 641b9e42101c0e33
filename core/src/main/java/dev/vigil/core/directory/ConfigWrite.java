package dev.vigil.core.directory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a write through the {@link dev.vigil.core.port.CameraDirectory}: the entry as
 * stored, the version made, and what the running engine restarted to apply it.
 *
 * @param entry the site or camera now, or {@code null} after a delete
 * @param version the version written, or {@code null} when the config was unchanged
 * @param restarted for each camera touched, the parts restarted ({@code ingest},
 *     {@code detect-stream}, {@code recording}, {@code analytics}) or stopped; empty when the
 *     change needed none
 * @param problems what could not be applied to the running engine (the config is stored all the
 *     same and applied again at the next start); empty when all went well
 */
public record ConfigWrite<T>(T entry, ConfigVersion version, Map<String, List<String>> restarted,
        List<String> problems) {
    public ConfigWrite {
        restarted = Map.copyOf(Objects.requireNonNull(restarted, "restarted"));
        problems = List.copyOf(problems);
    }
}
