package dev.vigil.core.config;

/**
 * Recording on this node (per-camera settings are under each camera's {@code record}).
 *
 * @param spoolDir where segments wait for upload; default {@code <node.dataDir>/spool}
 * @param spoolMaxBytes the spool's cap; over it the oldest segments not yet uploaded are deleted,
 *     logged, counted ({@code vigil_spool_evicted_segments_total}) and alarmed; default 4 GiB
 * @param uploadWorkers parallel uploads to the object store, 1-16; default 2
 * @param queueUnits access units a camera's recorder may fall behind before units are dropped
 *     (counted, and the segment is cut there); default 2048 (over a minute at 25 fps)
 * @param ringMaxBytes per camera, the most payload the pre-roll ring holds; default 32 MiB
 * @param fsync whether each finished segment is synced to disk before upload (survives a power
 *     loss); default true; false saves about 14 % of recording CPU
 */
public record RecordingConfig(String spoolDir, Long spoolMaxBytes, Integer uploadWorkers, Integer queueUnits,
        Long ringMaxBytes, Boolean fsync) {
    public RecordingConfig {
        spoolDir = ConfigDefaults.orDefault(spoolDir, (String) null);
        spoolMaxBytes = ConfigDefaults.orDefault(spoolMaxBytes, 4L << 30);
        uploadWorkers = ConfigDefaults.orDefault(uploadWorkers, 2);
        queueUnits = ConfigDefaults.orDefault(queueUnits, 2048);
        ringMaxBytes = ConfigDefaults.orDefault(ringMaxBytes, 32L << 20);
        fsync = ConfigDefaults.orDefault(fsync, Boolean.TRUE);
    }

    /** Syncing every finished segment. */
    public RecordingConfig(String spoolDir, Long spoolMaxBytes, Integer uploadWorkers, Integer queueUnits,
            Long ringMaxBytes) {
        this(spoolDir, spoolMaxBytes, uploadWorkers, queueUnits, ringMaxBytes, null);
    }

    static RecordingConfig defaults() {
        return new RecordingConfig(null, null, null, null, null, null);
    }
}
