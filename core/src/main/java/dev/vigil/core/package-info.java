/**
 * Vigil's shared vocabulary: immutable records (cameras, sites, positions, access units), the typed
 * configuration tree and its loader, the one exception family ({@code VigilException} with an
 * {@code ErrorKind}) and the ports (interfaces) that the other modules implement. It depends on no
 * other Vigil module and on no network, codec or storage library.
 */
package dev.vigil.core;
