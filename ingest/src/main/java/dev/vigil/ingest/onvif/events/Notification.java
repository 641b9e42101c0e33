package dev.vigil.ingest.onvif.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code wsnt:NotificationMessage} of a PullMessages answer.
 *
 * @param topicNamespace the namespace the topic's prefix resolves to (ONVIF's is
 *     {@code http://www.onvif.org/ver10/topics}), or an empty string when unprefixed
 * @param topic the topic path without prefix, e.g. {@code RuleEngine/CellMotionDetector/Motion}
 * @param prefixedTopic the topic as the camera wrote it, e.g. {@code tns1:RuleEngine/CellMotionDetector/Motion}
 * @param utcTime the message's {@code UtcTime}, or {@code null}
 * @param propertyOperation {@code Initialized}, {@code Changed}, {@code Deleted}, or an empty string
 * @param source the {@code Source} simple items, name to value, in order
 * @param data the {@code Data} simple items, name to value, in order
 */
public record Notification(String topicNamespace, String topic, String prefixedTopic, Instant utcTime,
        String propertyOperation, Map<String, String> source, Map<String, String> data) {
    public Notification {
        topicNamespace = topicNamespace == null ? "" : topicNamespace;
        Objects.requireNonNull(topic, "topic");
        prefixedTopic = prefixedTopic == null ? topic : prefixedTopic;
        propertyOperation = propertyOperation == null ? "" : propertyOperation;
        source = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(source));
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
