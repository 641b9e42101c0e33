/**
 * Who may do what through the API, as data: {@link dev.vigil.core.access.Role}s,
 * {@link dev.vigil.core.access.SiteScope}s, API tokens (stored only as the SHA-256 of their
 * secret, see {@link dev.vigil.core.access.TokenSecret}) and the hash-chained audit log
 * ({@link dev.vigil.core.access.AuditChain}). The stores behind them are the ports
 * {@link dev.vigil.core.port.TokenStore} and {@link dev.vigil.core.port.AuditLog}.
 */
package dev.vigil.core.access;
