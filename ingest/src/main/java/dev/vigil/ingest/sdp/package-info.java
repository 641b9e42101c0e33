/** A lenient, pure SDP parser (RFC 8866) for DESCRIBE answers, and control URL resolution. */
package dev.vigil.ingest.sdp;
