/** One camera's analysis chain: tamper, motion, gated detection, tracking, rules, snapshots, sink. */
package dev.vigil.analytics.pipeline;
