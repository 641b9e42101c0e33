package dev.vigil.core.config;

import java.util.List;

/**
 * The whole configuration of one Vigil node, as loaded by {@link ConfigLoader}: defaults, then the
 * YAML file, then {@code VIGIL_*} environment variables, then {@link ConfigValidator}.
 *
 * <p>Every section may be left out of the file; a missing value takes the default that its record
 * documents. An endpoint left empty ({@code objectStore.endpoint}, {@code kafka.bootstrapServers},
 * {@code catalog.jdbcUrl}) means "start the embedded one".
 */
public record VigilConfig(
        NodeConfig node,
        ApiConfig api,
        ObjectStoreConfig objectStore,
        KafkaConfig kafka,
        CatalogConfig catalog,
        RetentionConfig retention,
        RecordingConfig recording,
        IngestConfig ingest,
        SimulatorConfig simulator,
        List<SiteConfig> sites,
        List<CameraConfig> cameras) {

    public VigilConfig {
        node = node != null ? node : new NodeConfig(null, null);
        api = api != null ? api : ApiConfig.defaults();
        objectStore = objectStore != null ? objectStore : ObjectStoreConfig.defaults();
        kafka = kafka != null ? kafka : KafkaConfig.defaults();
        catalog = catalog != null ? catalog : new CatalogConfig(null, null, null);
        retention = retention != null ? retention : RetentionConfig.defaults();
        recording = recording != null ? recording : RecordingConfig.defaults();
        ingest = ingest != null ? ingest : IngestConfig.defaults();
        simulator = simulator != null ? simulator : SimulatorConfig.defaults();
        sites = sites == null ? List.of() : List.copyOf(sites);
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
    }

    /** Every default, no sites and no cameras. */
    public static VigilConfig defaults() {
        return new VigilConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    public VigilConfig withNode(NodeConfig newNode) {
        return new VigilConfig(newNode, api, objectStore, kafka, catalog, retention, recording, ingest, simulator, sites, cameras);
    }

    public VigilConfig withSimulator(SimulatorConfig newSimulator) {
        return new VigilConfig(node, api, objectStore, kafka, catalog, retention, recording, ingest, newSimulator, sites, cameras);
    }

    public VigilConfig withSitesAndCameras(List<SiteConfig> newSites, List<CameraConfig> newCameras) {
        return new VigilConfig(node, api, objectStore, kafka, catalog, retention, recording, ingest, simulator, newSites, newCameras);
    }
}
