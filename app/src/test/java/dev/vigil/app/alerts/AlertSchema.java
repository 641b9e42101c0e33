package dev.vigil.app.alerts;

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

/** A schema of {@code docs/schema} (JSON Schema 2020-12, formats asserted), as an IOC developer would use it. */
public final class AlertSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Schema schema;

    private AlertSchema(Schema schema) {
        this.schema = schema;
    }

    /** Loads e.g. {@code vigil.alerts.v1.schema.json} from the repository's docs/schema. */
    public static AlertSchema load(String file) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try {
            return new AlertSchema(registry.getSchema(Files.readString(Path.of("..", "docs", "schema", file)),
                    InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one message; empty when it is valid. */
    public List<String> problems(String json) {
        try {
            return schema.validate(JSON.readTree(json)).stream().map(Error::toString).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
