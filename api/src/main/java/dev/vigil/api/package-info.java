/**
 * The HTTP API on Netty: one route class per resource under {@code /api/v1}, token auth with roles
 * and site scopes, the hash-chained audit log, the OpenAPI document and the operators' console.
 */
package dev.vigil.api;
