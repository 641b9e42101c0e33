/** Analytics on a node: decoding pool, per-camera analysers, the feed from the gateway. */
package dev.vigil.app.analytics;
