/**
 * Authentication and authorization of API requests: the {@link dev.vigil.api.auth.Principal} a
 * bearer token stands for, the {@link dev.vigil.api.auth.Access} each route declares (roles,
 * stated reason, {@link dev.vigil.api.auth.SiteRule site scope}) and the
 * {@link dev.vigil.api.auth.TokenAuthenticator} over the catalog's tokens.
 */
package dev.vigil.api.auth;
