package dev.vigil.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads the one configuration tree: the defaults of the records, then a YAML file, then
 * {@code VIGIL_*} environment variables, then {@link ConfigValidator}. Every error names its key
 * path; nothing opens a socket before this has passed.
 *
 * <p>Environment variables: a scalar at key path {@code kafka.bootstrapServers} is set by
 * {@code VIGIL_KAFKA_BOOTSTRAP_SERVERS} (each path segment in upper snake case, joined by
 * {@code _}). Lists (sites, cameras) come from the file only. A {@code VIGIL_*} variable that names
 * no key is an error, except the ones in {@link #NON_CONFIG_VARIABLES} and those a config value
 * names as a secret holder ({@code passwordEnv}, {@code secretKeyEnv}).
 *
 * <p>The YAML loader is safe: plain data only (no tags that construct objects), at most
 * {@value #MAX_FILE_BYTES} bytes, at most 50 aliases per collection (no alias bombs).
 */
public final class ConfigLoader {
    /** Largest config file accepted. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** {@code VIGIL_*} variables that are read elsewhere and are not config keys. */
    public static final Set<String> NON_CONFIG_VARIABLES = Set.of(
            "VIGIL_BOOTSTRAP_TOKEN", "VIGIL_JAVA_OPTS", "VIGIL_CONFIG", "VIGIL_HOME",
            "VIGIL_S3_SECRET_KEY", "VIGIL_DB_PASSWORD", "VIGIL_SIGNING_KEY");

    private static final String ENV_PREFIX = "VIGIL_";

    private final Map<String, String> env;
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    /** @param env the process environment (tests pass their own map) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.yaml = new ObjectMapper(factory);
        this.json = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Loads defaults + environment only (no file). */
    public VigilConfig load() {
        return bind(JsonNodeFactory.instance.objectNode(), "defaults");
    }

    /** Loads defaults, then {@code file}, then the environment; validates. */
    public VigilConfig load(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(List.of(file + ": " + size + " bytes, more than the limit of "
                        + MAX_FILE_BYTES));
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return loadYaml(text, file.toString());
    }

    /** Loads defaults, then the YAML {@code text} (named {@code source} in errors), then the environment. */
    public VigilConfig loadYaml(String text, String source) {
        JsonNode fileTree;
        try {
            fileTree = text.isBlank() ? JsonNodeFactory.instance.objectNode() : yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        if (fileTree == null || fileTree.isMissingNode() || fileTree.isNull()) {
            fileTree = JsonNodeFactory.instance.objectNode();
        }
        if (!fileTree.isObject()) {
            throw new ConfigException(List.of(source + ": the top level must be a mapping of keys, was "
                    + fileTree.getNodeType().name().toLowerCase()));
        }
        return bind((ObjectNode) fileTree, source);
    }

    private VigilConfig bind(ObjectNode fileTree, String source) {
        ObjectNode merged = (ObjectNode) json.valueToTree(VigilConfig.defaults());
        List<String> problems = new ArrayList<>();
        checkKnownKeys(merged, fileTree, "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(prefix(source, problems));
        }
        merge(merged, fileTree);
        applyEnvironment(merged, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        VigilConfig config;
        try {
            config = json.treeToValue(merged, VigilConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + describe(e, merged), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
        List<String> invalid = ConfigValidator.validate(config);
        if (!invalid.isEmpty()) {
            throw new ConfigException(invalid);
        }
        return config;
    }

    /**
     * Reports keys of the file that the tree does not have, for sections the defaults describe
     * (lists are checked when they are bound, against their record types).
     */
    private static void checkKnownKeys(JsonNode known, JsonNode given, String path, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!known.has(key)) {
                problems.add(childPath + ": unknown key (known here: " + fieldNames(known) + ")");
                continue;
            }
            JsonNode knownChild = known.get(key);
            if (knownChild.isObject() && field.getValue().isObject()) {
                checkKnownKeys(knownChild, field.getValue(), childPath, problems);
            }
        }
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static List<String> prefix(String source, List<String> problems) {
        return problems.stream().map(p -> source + ": " + p).collect(Collectors.toList());
    }

    /** Objects merge key by key; anything else in {@code overlay} replaces what {@code base} had. */
    private static void merge(ObjectNode base, JsonNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            JsonNode existing = base.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        });
    }

    private void applyEnvironment(ObjectNode tree, List<String> problems) {
        Map<String, String[]> byName = new TreeMap<>();
        collectScalarPaths(tree, new ArrayList<>(), byName);
        Set<String> secretHolders = secretHolderNames(tree);
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String[] path = byName.get(name);
            if (path == null) {
                if (!NON_CONFIG_VARIABLES.contains(name) && !secretHolders.contains(name)) {
                    problems.add(name + ": environment variable names no configuration key (keys look like "
                            + "VIGIL_API_PORT for api.port)");
                }
                continue;
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                parent = (ObjectNode) parent.get(path[i]);
            }
            parent.set(path[path.length - 1], TextNode.valueOf(variable.getValue()));
        }
    }

    private static void collectScalarPaths(JsonNode node, List<String> path, Map<String, String[]> out) {
        node.fields().forEachRemaining(field -> {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(field.getKey());
            JsonNode value = field.getValue();
            if (value.isObject()) {
                collectScalarPaths(value, childPath, out);
            } else if (!value.isArray()) {
                out.put(envName(childPath), childPath.toArray(String[]::new));
            }
        });
    }

    /** {@code [kafka, bootstrapServers]} becomes {@code VIGIL_KAFKA_BOOTSTRAP_SERVERS}. */
    static String envName(List<String> path) {
        StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                name.append('_');
            }
            String segment = path.get(i);
            for (int c = 0; c < segment.length(); c++) {
                char ch = segment.charAt(c);
                if (Character.isUpperCase(ch) && c > 0) {
                    name.append('_');
                }
                name.append(Character.toUpperCase(ch));
            }
        }
        return name.toString();
    }

    private static Set<String> secretHolderNames(JsonNode tree) {
        List<String> names = new ArrayList<>();
        for (String key : List.of("passwordEnv", "secretKeyEnv")) {
            tree.findValues(key).forEach(v -> {
                if (v.isTextual()) {
                    names.add(v.asText());
                }
            });
        }
        return Set.copyOf(names);
    }

    /** A mapping error as a key path and what was wrong, naming list items by their id. */
    private static String describe(JsonMappingException e, JsonNode tree) {
        String path = ConfigPaths.of(e.getPath(), tree);
        if (e instanceof UnrecognizedPropertyException u) {
            return path + ": unknown key (known here: " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return path + ": '" + f.getValue() + "' is not one of " + enumNames(f.getTargetType());
        }
        if (e instanceof InvalidFormatException f) {
            return path + ": '" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + ": expected " + simpleType(m.getTargetType());
        }
        return path + ": " + e.getOriginalMessage();
    }

    private static String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> {
                    try {
                        var annotation = type.getField(((Enum<?>) c).name())
                                .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                        return annotation != null ? annotation.value() : c.toString();
                    } catch (NoSuchFieldException ex) {
                        return c.toString();
                    }
                })
                .collect(Collectors.joining(", "));
    }

    private static String simpleType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Short.class || type == Long.class) {
            return "whole number";
        }
        if (type == Double.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        return "mapping (" + type.getSimpleName() + ")";
    }
}
