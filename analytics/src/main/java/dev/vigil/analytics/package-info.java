/**
 * Analytics: decodes only the frames it samples (FFmpeg through bytedeco), finds motion, people
 * and vehicles (OpenCV), tracks objects and evaluates zone, line, loitering, crowding and tamper
 * rules, producing events for the alert pipeline. It never sees Netty, S3 or Kafka.
 */
package dev.vigil.analytics;
