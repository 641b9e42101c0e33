package dev.vigil.api.http;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * HTTP request metrics: {@code vigil_http_request_duration_seconds{route, method, status}}, a
 * histogram whose {@code _count} is the number of requests. {@code route} is the matched template
 * ({@code /api/v1/cameras/{id}/history}), never the raw path, so hostile paths cannot blow up the
 * label set; requests that match no route are {@code route="unmatched"}. The time runs from
 * receiving the request to the last byte of the answer written.
 */
public final class HttpMetrics {
    /** The route label of requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final Histogram duration;

    public HttpMetrics(PrometheusRegistry registry) {
        duration = Histogram.builder()
                .name("vigil_http_request_duration_seconds")
                .help("HTTP API requests by route template, method and status, from receipt to the last byte sent")
                .unit(Unit.SECONDS)
                .labelNames("route", "method", "status")
                .classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
    }

    /** Counts one finished request. Fast; never throws. */
    public void observe(String route, String method, int status, long nanos) {
        duration.labelValues(route, method, Integer.toString(status)).observe(nanos / 1e9);
    }
}
