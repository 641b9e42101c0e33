/**
 * Pure parsers of the H.264 and H.265 syntax that the gateway (probe, health) and the MP4 muxer need: the RBSP bit reader
 * (emulation prevention removed, Exp-Golomb codes) and the fields of the sequence parameter sets
 * that go into a sample entry ({@code avcC}, {@code hvcC}, picture size). Bytes in, record or
 * {@code VigilException} ({@code INVALID_ARGUMENT}) out; no I/O, no logging.
 */
package dev.vigil.core.codec;
