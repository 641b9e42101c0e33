package dev.vigil.storage.playback;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import dev.vigil.core.port.RecordingPlayback;
import dev.vigil.storage.catalog.Coverage;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.mp4.Fmp4Index;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.object.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RecordingPlayback} from the catalog and the recorded fMP4 segments: a range becomes a plain
 * MP4 (moov first) planned from the segments' indexes and stitched on the fly, byte range by byte
 * range, from ranged reads of the segment objects; nothing is written anywhere.
 *
 * <p>Gaps: a seam of up to {@link Coverage#DEFAULT_TOLERANCE} is bridged; a longer gap, or a change
 * of the camera's parameter sets, ends the movie, and {@link PlaybackMovie#nextPart()} and
 * {@link #parts} say where the next run starts. A player cannot show "no video" inside one MP4:
 * a frozen picture would stand in for the missing minutes, and a viewer would take it for a still
 * scene. Each movie's media time plus its start is the wall-clock time, as with exports.
 *
 * <p>Cost: the first movie over a range reads each segment's {@code moov} (one small ranged get)
 * and, for the run played, every {@code moof} (one small ranged get per fragment, about one a
 * second), on {@value #READERS} threads; indexes are kept for {@value #CACHED_INDEXES} segments
 * and planned movies for {@link #MOVIE_TTL} (at most 64 of them and {@link #CACHED_MOVIE_BYTES}
 * together: a two-hour movie at 25 fps plans about 3 MB), so a player's further range requests
 * read sample bytes only. Playback does not verify segment hashes (that would read whole objects); evidence
 * goes through export, which does.
 *
 * <p>Thread-safe. {@link #close()} stops the reader threads.
 */
public final class SegmentPlayback implements RecordingPlayback, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentPlayback.class);
    /** Threads that read segment heads and indexes. */
    static final int READERS = 4;
    /** Segment indexes kept. */
    static final int CACHED_INDEXES = 512;
    /** How long a planned movie is reused for the same camera and range. */
    static final Duration MOVIE_TTL = Duration.ofMinutes(5);
    private static final int CACHED_MOVIES = 64;
    /** The most memory planned movies may hold together (their heads and extent lists). */
    static final long CACHED_MOVIE_BYTES = 64L << 20;

    /** A continuous run of segments with one decoder configuration. */
    private record Run(List<Recording> segments, Fmp4Reader.Track track, PlaybackPart.Start startsBecause,
            Instant end) {}

    private record CachedMovie(PlannedMovie movie, Instant planned) {}

    private final RecordingRepository recordings;
    private final ObjectStore store;
    private final String bucket;
    private final Clock clock;
    private final ExecutorService readers;
    private final SegmentIndexes indexes;
    private final LinkedHashMap<String, CachedMovie> movies = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    /**
     * @param store where the segments are; borrowed, not closed
     * @param bucket the segments bucket
     */
    public SegmentPlayback(RecordingRepository recordings, ObjectStore store, String bucket, Clock clock) {
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "vigil-playback-index-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.indexes = new SegmentIndexes(store, bucket, readers, CACHED_INDEXES);
    }

    @Override
    public PlaybackMovie movie(CameraId camera, TimeRange range) {
        Objects.requireNonNull(camera, "camera");
        check(range);
        String key = camera + " " + range.start() + " " + range.end();
        Instant now = clock.instant();
        synchronized (movies) {
            CachedMovie cached = movies.get(key);
            if (cached != null && cached.planned().plus(MOVIE_TTL).isAfter(now)) {
                return cached.movie();
            }
        }
        long started = System.nanoTime();
        List<Run> runs = runs(camera, range);
        Run first = runs.get(0);
        List<Fmp4Index> firstIndexes = indexes.indexes(first.segments());
        List<MoviePlanner.Source> sources = new ArrayList<>();
        for (int i = 0; i < firstIndexes.size(); i++) {
            sources.add(new MoviePlanner.Source(first.segments().get(i), firstIndexes.get(i)));
        }
        MoviePlan plan = MoviePlanner.plan(range, sources, Coverage.DEFAULT_TOLERANCE);
        Instant next = plan.stoppedBefore() != null ? plan.stoppedBefore()
                : runs.size() > 1 ? later(range.start(), runs.get(1).segments().get(0).start()) : null;
        PlannedMovie movie = new PlannedMovie(camera, range, plan, next, etag(camera, range, first.segments()), store,
                bucket);
        log.debug("planned playback of camera {} {}: {} in {} ms", camera, range, movie,
                (System.nanoTime() - started) / 1_000_000);
        synchronized (movies) {
            CachedMovie replaced = movies.put(key, new CachedMovie(movie, now));
            cachedBytes += movie.footprint() - (replaced == null ? 0 : replaced.movie().footprint());
            var eldest = movies.entrySet().iterator();
            while ((movies.size() > CACHED_MOVIES || cachedBytes > CACHED_MOVIE_BYTES) && eldest.hasNext()) {
                cachedBytes -= eldest.next().getValue().movie().footprint();
                eldest.remove();
            }
        }
        return movie;
    }

    @Override
    public List<PlaybackPart> parts(CameraId camera, TimeRange range) {
        Objects.requireNonNull(camera, "camera");
        check(range);
        List<Recording> rows = rows(camera, range);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<PlaybackPart> parts = new ArrayList<>();
        for (Run run : runs(rows)) {
            Instant start = later(range.start(), run.segments().get(0).start());
            Instant end = run.end().isBefore(range.end()) ? run.end() : range.end();
            parts.add(new PlaybackPart(TimeRange.of(start, end), run.track().codec(), run.track().width(),
                    run.track().height(), run.startsBecause()));
        }
        return parts;
    }

    private List<Run> runs(CameraId camera, TimeRange range) {
        List<Recording> rows = rows(camera, range);
        if (rows.isEmpty()) {
            throw new VigilException(ErrorKind.NOT_FOUND, "camera " + camera + " has no recordings in " + range);
        }
        return runs(rows);
    }

    private List<Recording> rows(CameraId camera, TimeRange range) {
        List<Recording> rows = new ArrayList<>();
        for (RecordingRow row : recordings.findByCamera(camera, range.start(), range.end())) {
            rows.add(row.recording());
        }
        rows.sort(Comparator.comparing(Recording::start).thenComparing(Recording::end));
        return rows;
    }

    /** Splits segments in time order into runs at gaps over the tolerance and at decoder changes. */
    private List<Run> runs(List<Recording> rows) {
        List<Fmp4Reader.Track> tracks = indexes.tracks(rows);
        List<Run> runs = new ArrayList<>();
        List<Recording> current = null;
        Fmp4Reader.Track track = null;
        PlaybackPart.Start reason = PlaybackPart.Start.RANGE_START;
        Instant end = null;
        for (int i = 0; i < rows.size(); i++) {
            Recording r = rows.get(i);
            Fmp4Reader.Track t = tracks.get(i);
            PlaybackPart.Start breakReason = null;
            if (current != null && r.start().isAfter(end.plus(Coverage.DEFAULT_TOLERANCE))) {
                breakReason = PlaybackPart.Start.GAP;
            } else if (current != null && !t.parameterSets().equals(track.parameterSets())) {
                breakReason = PlaybackPart.Start.PARAMETER_SETS_CHANGED;
            }
            if (breakReason != null) {
                runs.add(new Run(List.copyOf(current), track, reason, end));
                current = null;
                reason = breakReason;
            }
            if (current == null) {
                current = new ArrayList<>();
                track = t;
                end = r.end();
            }
            current.add(r);
            end = r.end().isAfter(end) ? r.end() : end;
        }
        runs.add(new Run(List.copyOf(current), track, reason, end));
        return runs;
    }

    private static void check(TimeRange range) {
        Objects.requireNonNull(range, "range");
        if (range.duration().isZero()) {
            throw VigilException.invalid("the playback range is empty: from and to are both " + range.start());
        }
        if (range.duration().compareTo(MAX_RANGE) > 0) {
            throw VigilException.invalid("a playback range may span at most " + MAX_RANGE.toHours() + " h, was "
                    + range.duration() + "; ask for the parts one after the other");
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Hex of SHA-256 over the camera, the range and the source objects' keys and hashes, cut to 32 digits. */
    private static String etag(CameraId camera, TimeRange range, List<Recording> segments) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((camera + "\n" + range.start() + "\n" + range.end() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Recording r : segments) {
                sha.update((r.objectKey() + " " + r.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
