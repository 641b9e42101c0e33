package dev.vigil.ingest.onvif;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ingest.onvif.soap.SafeXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * SOAP answers recorded from real cameras: {@code ../shared/onvif-fixtures/agsh-onvif-v0.x/}
 * (agsh/onvif, MIT; see the README there), found through {@code vigil.shared.dir}. Never copied
 * into the repository; tests that need them are skipped with a message when the folder is absent.
 * Some files are doT templates: {@link #render} fills their placeholders.
 */
public final class OnvifFixtures {
    private OnvifFixtures() {}

    public static Path file(String name) {
        String dir = System.getProperty("vigil.shared.dir");
        assumeTrue(dir != null, "vigil.shared.dir is not set; run through Maven to use ../shared/onvif-fixtures");
        Path file = Path.of(dir, "onvif-fixtures", "agsh-onvif-v0.x", name);
        assumeTrue(Files.isReadable(file), "ONVIF fixture " + file + " is absent; skipping (the shared folder is not"
                + " beside this checkout)");
        return file;
    }

    public static String text(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain-XML fixture, parsed as a camera answer is. */
    public static Document doc(String name) {
        return SafeXml.parse(text(name).getBytes(StandardCharsets.UTF_8), name);
    }

    /** A template fixture with each {@code {{...}}} placeholder replaced (keys are the placeholder text). */
    public static Document render(String name, Map<String, String> values) {
        String t = text(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            t = t.replace(e.getKey(), e.getValue());
        }
        return SafeXml.parse(t.getBytes(StandardCharsets.UTF_8), name);
    }
}
