package dev.vigil.core.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two versions of a config, as {@link FieldChange}s by key path. Pure.
 *
 * <p>Objects are compared key by key (a missing key and {@code null} are the same). A list whose
 * items are all objects with a distinct {@code id} (rules), or else a distinct {@code name}
 * (zones, lines), is compared item by item under {@code [ID]}, so moving a rule within the list is
 * no change and changing one rule names only that rule. Any other list that differs is one change
 * of the whole list.
 */
public final class ConfigDiff {
    private ConfigDiff() {}

    /**
     * @param before the old config's tree, or {@code null} when created
     * @param after the new config's tree, or {@code null} when deleted
     * @return the changes, in the order of the keys; empty when equal
     */
    public static List<FieldChange> between(JsonNode before, JsonNode after) {
        List<FieldChange> out = new ArrayList<>();
        if (absent(before) && absent(after)) {
            return out;
        }
        if (absent(before) || absent(after)) {
            out.add(new FieldChange("", before, after));
            return out;
        }
        compare("", before, after, out);
        return out;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<FieldChange> out) {
        if (absent(before) && absent(after)) {
            return;
        }
        if (absent(before) || absent(after)) {
            out.add(new FieldChange(path, before, after));
        } else if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, before.get(key), after.get(key), out);
            }
        } else if (before.isArray() && after.isArray()) {
            String keyField = itemKey(before, after);
            if (keyField == null) {
                if (!before.equals(after)) {
                    out.add(new FieldChange(path, before, after));
                }
                return;
            }
            Map<String, JsonNode> was = byKey(before, keyField);
            Map<String, JsonNode> now = byKey(after, keyField);
            Set<String> keys = new LinkedHashSet<>(was.keySet());
            keys.addAll(now.keySet());
            for (String key : keys) {
                compare(path + "[" + key + "]", was.get(key), now.get(key), out);
            }
        } else if (!before.equals(after)) {
            out.add(new FieldChange(path, before, after));
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** {@code id} or {@code name} when every item of both lists is an object with a distinct such text. */
    private static String itemKey(JsonNode a, JsonNode b) {
        for (String field : List.of("id", "name")) {
            if (distinctKeys(a, field) && distinctKeys(b, field)) {
                return field;
            }
        }
        return null;
    }

    private static boolean distinctKeys(JsonNode list, String field) {
        Set<String> seen = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext();) {
            JsonNode item = it.next();
            if (!item.isObject() || !item.path(field).isTextual() || !seen.add(item.get(field).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode list, String field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        list.elements().forEachRemaining(item -> out.put(item.get(field).asText(), item));
        return out;
    }
}
