/**
 * Ports: interfaces through which one module reaches what another provides, implemented and wired
 * in {@code app}, so that no module imports a sibling.
 */
package dev.vigil.core.port;
