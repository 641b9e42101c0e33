package dev.vigil.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas of {@code docs/schema}, loaded from the repository with format assertions on. */
final class AlertSchemas {
    static final Path DIR = Path.of("..", "docs", "schema");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertSchemas() {}

    static Schema load(String file) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try {
            return registry.getSchema(Files.readString(DIR.resolve(file)), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of {@code json} against {@code schema}; empty when valid. */
    static List<String> problems(Schema schema, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return schema.validate(node).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
