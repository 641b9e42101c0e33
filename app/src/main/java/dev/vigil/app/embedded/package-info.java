/**
 * The services the default run starts in-process so that Vigil needs nothing installed: an
 * S3-compatible server over a local folder ({@link dev.vigil.app.embedded.EmbeddedS3}) and a
 * one-node Kafka broker in KRaft mode ({@link dev.vigil.app.embedded.EmbeddedKafka}). Clients reach
 * them through the same MinIO SDK and Kafka client code as the production servers. Each keeps its
 * files under the node's data directory and binds only the configured address.
 */
package dev.vigil.app.embedded;
