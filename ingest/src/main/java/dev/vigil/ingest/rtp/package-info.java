/** RTP packets (RFC 3550): a pure parser and header writer, and sequence-number tracking. */
package dev.vigil.ingest.rtp;
