package dev.vigil.core.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Key paths as users read them: {@code cameras[gate-3].record.mode}. */
final class ConfigPaths {
    private ConfigPaths() {}

    /** A path from Jackson's references; list items are named by their {@code id} where they have one. */
    static String of(List<JsonMappingException.Reference> references, JsonNode tree) {
        StringBuilder path = new StringBuilder();
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
                node = node == null ? null : node.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                JsonNode item = node == null ? null : node.get(ref.getIndex());
                path.append('[').append(itemName(item, ref.getIndex())).append(']');
                node = item;
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    /** {@code id} when it is a plain string, else the index. */
    static String itemName(JsonNode item, int index) {
        JsonNode id = item == null ? null : item.get("id");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : Integer.toString(index);
    }

    static String item(String list, String id, int index) {
        return list + "[" + (id != null && !id.isBlank() ? id : Integer.toString(index)) + "]";
    }
}
