package dev.vigil.core.config;

/**
 * This node.
 *
 * @param id the node's name in alerts and logs; default {@code vigil-1}
 * @param dataDir where the spool, the embedded services and the embedded catalog keep their files;
 *     default {@code vigil-data} (relative to the working directory); {@code --data-dir} overrides
 */
public record NodeConfig(String id, String dataDir) {
    public NodeConfig {
        id = ConfigDefaults.orDefault(id, "vigil-1");
        dataDir = ConfigDefaults.orDefault(dataDir, "vigil-data");
    }
}
