/**
 * Network address rules: {@link dev.vigil.core.net.Cidr} blocks and
 * {@link dev.vigil.core.net.CameraNetworks}, the networks the API may point cameras at.
 */
package dev.vigil.core.net;
