/**
 * The process: {@code Main} and the command line ({@code run}, {@code demo}, ...), the wiring of
 * ingest, analytics, storage and API from one {@code VigilConfig}, and the embedded services that
 * the default run starts in-process (S3 server, Kafka broker in KRaft mode, H2 catalog).
 */
package dev.vigil.app;
