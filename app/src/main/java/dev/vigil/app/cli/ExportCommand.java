package dev.vigil.app.cli;

import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.ExportAuditRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.export.ExportManifest;
import dev.vigil.storage.export.ExportRequest;
import dev.vigil.storage.export.ExportService;
import dev.vigil.storage.export.ExportSigningKey;
import dev.vigil.storage.export.FileExportSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./vigil export}: one camera's recordings over a time range as MP4 evidence with a JSON
 * manifest, through {@link ExportService}; runs beside a node or without one (see
 * {@link StorageConnection}). Who asked is the OS user unless {@code --requested-by} says.
 */
public final class ExportCommand implements Command {
    /** No recording of the camera in the range (or no catalog in the data directory). */
    static final int NO_RECORDINGS = 4;
    /** A source object is missing, altered or unreadable: evidence integrity failed. */
    static final int INTEGRITY = 5;
    /** The catalog or the object store cannot be reached. */
    static final int UNREACHABLE = 6;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export a camera's recordings over a time range as MP4 evidence with a manifest";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil export --camera ID --from T1 --to T2 -o FILE.mp4 [--reason R]
                                      [--requested-by NAME] [--config FILE] [--data-dir DIR]

                Stitches the camera's recorded segments into FILE.mp4, starting at the last key frame
                at or before T1 and ending with the last picture before T2, and writes the manifest
                FILE.mp4.manifest.json beside it (parts and their SHA-256, source objects and their
                verified SHA-256, gaps, who asked and when) with its Ed25519 signature by the node's
                key, FILE.mp4.manifest.json.sig (check both with ./vigil verify-export). A gap in the
                recordings, or a change of
                the camera's parameter sets, starts another file: FILE-2.mp4, FILE-3.mp4, ...
                Existing files are never replaced. Works whether or not the node is running.

                  --camera ID         the camera
                  --from T1, --to T2  ISO-8601 instants, e.g. 2026-03-01T10:00:00Z or
                                      2026-03-01T17:00:00+07:00 (an offset is required)
                  -o, --output FILE   the first MP4 file
                  --reason R          why, e.g. a case ID (recorded in the manifest and the audit)
                  --requested-by NAME who asks (default: the OS user)
                  --config FILE       configuration file (default: built-in defaults + VIGIL_*)
                  --data-dir DIR      overrides node.dataDir

                Exit status: 0 ok, 2 bad arguments, 3 invalid configuration, 4 no recordings in range,
                5 a source object is missing or does not match its SHA-256, 6 catalog or object store
                unreachable, 1 other failures.""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        List<String> normalized = argList.stream().map(a -> a.equals("-o") ? "--output" : a).toList();
        Arguments args = Arguments.parse(name(), normalized, Set.of("camera", "from", "to", "output", "reason",
                "requested-by", "config", "data-dir"), Set.of());
        args.expectPositional(0, "no positional arguments");
        CameraId camera;
        try {
            camera = CameraId.of(required(args, "camera"));
        } catch (VigilException e) {
            throw new UsageException("export: --camera: " + e.getMessage());
        }
        Instant from = instant(args, "from");
        Instant to = instant(args, "to");
        Path output = Path.of(required(args, "output"));
        String requestedBy = args.option("requested-by").orElse(System.getProperty("user.name", "unknown"));
        ExportRequest request;
        try {
            request = new ExportRequest(camera, from, to, requestedBy, args.option("reason").orElse(null));
        } catch (VigilException e) {
            throw new UsageException("export: " + e.getMessage());
        }
        ConfigLoader loader = new ConfigLoader(console.env());
        VigilConfig config = args.option("config").map(f -> loader.load(Path.of(f))).orElseGet(loader::load);
        config = DemoCommand.withDataDir(config, args);
        FileExportSink sink;
        try {
            sink = new FileExportSink(output);
        } catch (VigilException e) {
            throw new UsageException("export: " + e.getMessage());
        }

        ExportSigningKey key = ExportSigningKey.loadOrCreate(Path.of(config.node().dataDir()));
        try (StorageConnection storage = StorageConnection.open(config, console.env())) {
            if (storage.startedEmbeddedS3()) {
                console.out().println("no node serves " + config.node().dataDir() + ": started its embedded S3 server"
                        + " for this export");
            }
            List<RecordingRow> rows = new RecordingRepository(storage.catalog().dataSource())
                    .findByCamera(camera, from, to);
            ExportService service = new ExportService(storage.store(), config.objectStore().segmentsBucket(),
                    new ExportAuditRepository(storage.catalog().dataSource()), Clock.systemUTC());
            ExportManifest manifest;
            List<Path> files;
            try {
                manifest = service.export(request, rows, sink);
                files = sink.commit(manifest, key);
            } catch (RuntimeException e) {
                sink.discard();
                throw e;
            }
            report(console, manifest, files, key);
            return Cli.OK;
        } catch (UsageException | dev.vigil.core.config.ConfigException e) {
            throw e;
        } catch (VigilException e) {
            console.err().println("vigil export: " + e.getMessage());
            return exitStatus(e.kind());
        }
    }

    static int exitStatus(ErrorKind kind) {
        return switch (kind) {
            case NOT_FOUND -> NO_RECORDINGS;
            case DATA_LOSS -> INTEGRITY;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> UNREACHABLE;
            case INVALID_ARGUMENT, ALREADY_EXISTS -> Cli.USAGE;
            default -> Cli.FAILED;
        };
    }

    private static void report(Console console, ExportManifest m, List<Path> files, ExportSigningKey key) {
        console.out().printf(Locale.ROOT, "exported camera %s %s .. %s for %s: %d picture(s) in %d file(s), %d gap(s)%n",
                m.camera(), m.from(), m.to(), m.requestedBy(), m.pictures(), m.parts().size(), m.gaps().size());
        for (int i = 0; i < m.parts().size(); i++) {
            ExportManifest.Part p = m.parts().get(i);
            console.out().printf(Locale.ROOT, "  %s  %s %d pictures %s .. %s  %d bytes  sha256 %s%n", files.get(i),
                    p.codec().wireName(), p.pictures(), p.firstPicture(), p.end(), p.bytes(), p.sha256());
        }
        console.out().printf(Locale.ROOT, "  manifest %s%n", files.get(files.size() - 1));
        console.out().printf(Locale.ROOT, "  signature %s (Ed25519, key %s)%n", files.get(files.size() - 2),
                key.keyId());
    }

    private static String required(Arguments args, String option) {
        return args.option(option).orElseThrow(() -> new UsageException("export: --" + option + " is required"
                + (option.equals("output") ? " (-o FILE.mp4)" : "")));
    }

    /** An ISO-8601 instant ({@code ...Z}) or a date-time with an offset ({@code ...+07:00}). */
    static Instant instant(Arguments args, String option) {
        String value = required(args, option);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("export: --" + option + " must be an ISO-8601 date-time with an offset,"
                    + " e.g. 2026-03-01T10:00:00Z or 2026-03-01T17:00:00+07:00, was '" + value + "'");
        }
    }
}
