package dev.vigil.api.routes;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import dev.vigil.core.port.EvidenceExports;
import dev.vigil.core.port.RecordingPlayback;
import dev.vigil.core.port.RecordingSearch;
import dev.vigil.core.search.CameraCoverage;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-memory stand-ins for the police ports, for the api module's tests (the real ones are tested
 * in storage, and together in app): cameras gate-3 (site yard) and dock-1 (site depot).
 */
public final class PoliceFakes {
    private PoliceFakes() {}

    /** Finds gate-3 and dock-1 in any area, covered for the window's first five minutes. */
    static final class Search implements RecordingSearch {
        private final Consumer<RecordingQuery> seen;

        Search(Consumer<RecordingQuery> seen) {
            this.seen = seen;
        }

        @Override
        public RecordingSearchResult search(RecordingQuery query) {
            seen.accept(query);
            TimeRange w = query.window();
            List<TimeRange> covered = List.of(TimeRange.of(w.start(), w.start().plusSeconds(300)));
            List<TimeRange> gaps = List.of(TimeRange.of(w.start().plusSeconds(300), w.end()));
            return new RecordingSearchResult(query, List.of(
                    new CameraCoverage(CameraId.of("gate-3"), "Gate 3", SiteId.of("yard"), CameraKind.SECURITY,
                            GeoPoint.of(21.0295, 105.8542), 120.5, covered, gaps),
                    new CameraCoverage(CameraId.of("dock-1"), "dock-1", SiteId.of("depot"), CameraKind.TRAFFIC,
                            GeoPoint.of(21.0275, 105.8542), 300.0, covered, gaps)));
        }
    }

    /** Movies of gate-3 and dock-1 whose bytes are {@code movie}; other cameras have none. */
    static final class Playback implements RecordingPlayback {
        private final byte[] movie;

        Playback(byte[] movie) {
            this.movie = movie;
        }

        @Override
        public PlaybackMovie movie(CameraId camera, TimeRange range) {
            if (!camera.value().equals("gate-3") && !camera.value().equals("dock-1")) {
                throw new VigilException(ErrorKind.NOT_FOUND, "camera " + camera + " has no recordings");
            }
            byte[] bytes = movie;
            return new PlaybackMovie() {
                public CameraId camera() {
                    return camera;
                }

                public TimeRange asked() {
                    return range;
                }

                public Instant start() {
                    return range.start().minusSeconds(2);
                }

                public Instant end() {
                    return range.start().plusSeconds(290);
                }

                public Instant nextPart() {
                    return range.start().plusSeconds(300);
                }

                public int pictures() {
                    return 2920;
                }

                public long size() {
                    return bytes.length;
                }

                public String contentType() {
                    return "video/mp4";
                }

                public String etag() {
                    return "etag-1";
                }

                public InputStream open(long offset, long length) {
                    return new ByteArrayInputStream(bytes, (int) offset, (int) length);
                }
            };
        }

        @Override
        public List<PlaybackPart> parts(CameraId camera, TimeRange range) {
            return List.of(new PlaybackPart(range, Codec.H264, 768, 576, PlaybackPart.Start.RANGE_START));
        }
    }

    /**
     * Jobs that are done at once with one MP4 file holding {@code movie}; deleting one marks it
     * deleted, and its files then answer GONE, as the real runner's do.
     */
    public static final class Exports implements EvidenceExports {
        private final byte[] movie;
        private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();

        public Exports(byte[] movie) {
            this.movie = movie;
        }

        /** Puts a job as it is (e.g. running, or expired), replacing any of its id. */
        void put(ExportJob job) {
            jobs.put(job.id(), job);
        }

        @Override
        public ExportJob delete(String id, Consumer<ExportJob> beforeDelete) {
            ExportJob job = jobs.get(id);
            if (job == null) {
                throw new VigilException(ErrorKind.NOT_FOUND, "no export job " + id);
            }
            if (!job.state().finished()) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "export job " + id + " is "
                        + job.state().label());
            }
            if (job.state() != ExportJob.State.DONE) {
                return job;
            }
            beforeDelete.accept(job);
            ExportJob deleted = job.removed(ExportJob.State.DELETED, Instant.parse("2026-03-02T09:00:00Z"));
            jobs.put(id, deleted);
            return deleted;
        }

        @Override
        public ExportJob submit(ExportOrder order, Consumer<ExportJob> beforeStart) {
            String id = "x" + Integer.toString(jobs.size() + 1).repeat(20).substring(0, 20).replaceAll("[0189]", "k");
            Instant now = Instant.parse("2026-03-01T14:00:00Z");
            ExportJob queued = new ExportJob(id, order, ExportJob.State.QUEUED, 0, now, null, List.of(), null, null);
            beforeStart.accept(queued);
            jobs.put(id, new ExportJob(id, order, ExportJob.State.DONE, 1, now, now.plusSeconds(5), List.of(
                    new ExportFile("gate-3_20260301T140000Z.mp4", ExportFile.Kind.MP4, movie.length, "0".repeat(64))),
                    null, null));
            return queued;
        }

        @Override
        public Optional<ExportJob> find(String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public ExportDownload download(String id, String fileName) {
            ExportJob job = jobs.get(id);
            if (job.state().removed()) {
                throw new VigilException(ErrorKind.GONE, "export job " + id + " is " + job.state().label());
            }
            ExportFile file = job.file(fileName).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND,
                    "no file " + fileName));
            byte[] bytes = movie;
            return new ExportDownload() {
                public ExportFile file() {
                    return file;
                }

                public InputStream open(long offset, long length) {
                    return new ByteArrayInputStream(bytes, (int) offset, (int) length);
                }
            };
        }

        @Override
        public String signingKeyPem() {
            return "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";
        }

        @Override
        public String signingKeyId() {
            return "sha256:" + "a".repeat(64);
        }
    }
}
