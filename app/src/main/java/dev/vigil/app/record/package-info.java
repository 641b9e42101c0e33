/** Recording wired into a node: gateway subscriptions feed the storage recorders on a few lanes. */
package dev.vigil.app.record;
