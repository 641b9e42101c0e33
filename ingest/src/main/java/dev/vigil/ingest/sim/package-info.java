/**
 * Simulated cameras: an RTSP server on Netty that loops an already-encoded H.264 stream to many
 * clients over TCP interleaved or UDP unicast, paced by one timer. No encoder here: the app
 * module encodes the scene.
 */
package dev.vigil.ingest.sim;
