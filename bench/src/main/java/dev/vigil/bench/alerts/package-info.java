/** Alert delivery: latency from the analysed frame to an IOC consumer, and outbox throughput. */
package dev.vigil.bench.alerts;
