package dev.vigil.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part names, files appearing only on commit, never replacing, and discarding. */
class FileExportSinkTest {
    @TempDir
    Path dir;
    @TempDir
    static Path dataDir;

    /** SHA-256 of the one byte 0x02, what part 2 holds below. */
    private static final String SHA256_OF_2 = "dbc1b4c900ffe48d575b5da5c638040125f65db0fe3e24494b76ea986457d986";

    private static ExportManifest manifest(int parts) {
        List<ExportManifest.Part> list = new java.util.ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            list.add(new ExportManifest.Part(i == 1 ? "case.mp4" : "case-" + i + ".mp4", i == 2 ? SHA256_OF_2 : "0".repeat(64), 1, Codec.H264, 1, ExportServiceTest.T0,
                    ExportServiceTest.T0, ExportServiceTest.T0.plusSeconds(1), ExportManifest.PartStart.RANGE_START));
        }
        return new ExportManifest(ExportServiceTest.CAMERA, ExportServiceTest.T0, ExportServiceTest.T0.plusSeconds(1),
                "x", ExportServiceTest.NOW, null, list, List.of(), List.of());
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void partsAppearUnderTheirNamesOnlyOnCommit() throws Exception {
        FileExportSink sink = new FileExportSink(dir.resolve("case.mp4"));
        assertEquals(List.of("case.mp4", "case-2.mp4"), List.of(sink.partName(1), sink.partName(2)));
        for (int part = 1; part <= 2; part++) {
            try (OutputStream out = sink.openPart(part)) {
                out.write(part);
            }
        }
        assertEquals(2, files().size());
        assertEquals(List.of(), files().stream().filter(f -> !f.startsWith(".")).toList(), "only hidden files so far");
        List<Path> committed = sink.commit(manifest(2), ExportSigningKey.loadOrCreate(dataDir));
        assertEquals(List.of("case-2.mp4", "case.mp4", "case.mp4.manifest.json", "case.mp4.manifest.json.sig"), files());
        assertEquals(List.of(dir.resolve("case.mp4"), dir.resolve("case-2.mp4"), sink.signature(), sink.manifest()),
                committed, "parts, signature, manifest last");
        assertEquals(ExportVerifier.Outcome.VERIFIED, ExportVerifier.verify(dir.resolve("case-2.mp4"), sink.manifest(),
                sink.signature(), ExportSigningKey.loadOrCreate(dataDir).publicKey()).outcome());
        assertEquals(2, Files.readAllBytes(dir.resolve("case-2.mp4"))[0]);
        assertEquals(ErrorKind.ALREADY_EXISTS, assertThrows(VigilException.class,
                () -> new FileExportSink(dir.resolve("case.mp4"))).kind());
    }

    @Test
    void aTakenPartNameFailsTheCommitAndLeavesNothingOfThisExport() throws Exception {
        Files.writeString(dir.resolve("out-2.mp4"), "someone else's");
        FileExportSink sink = new FileExportSink(dir.resolve("out.mp4"));
        for (int part = 1; part <= 2; part++) {
            sink.openPart(part).close();
        }
        assertEquals(ErrorKind.ALREADY_EXISTS, assertThrows(VigilException.class,
                () -> sink.commit(manifest(2), ExportSigningKey.loadOrCreate(dataDir))).kind());
        assertEquals(List.of("out-2.mp4"), files());
        assertEquals("someone else's", Files.readString(dir.resolve("out-2.mp4")));
    }

    @Test
    void discardRemovesTheTemporaryFiles() throws Exception {
        FileExportSink sink = new FileExportSink(dir.resolve("out.mp4"));
        sink.openPart(1).close();
        sink.discard();
        assertEquals(List.of(), files());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> new FileExportSink(dir.resolve("missing/out.mp4"))).kind());
    }
}
