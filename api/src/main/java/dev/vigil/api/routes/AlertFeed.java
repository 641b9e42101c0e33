package dev.vigil.api.routes;

import dev.vigil.core.access.SiteScope;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.AlertReview;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertFilter;
import dev.vigil.core.review.FeedPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of alert changes behind {@code GET /api/v1/alerts/stream}: one poller thread
 * ({@code vigil-alert-feed}, started with the first subscriber) reads the catalog's new alert
 * messages and actions every {@code pollEvery} and hands each to every subscriber whose site scope
 * and filter it passes. So the catalog sees one query pair per period, however many operators
 * watch.
 *
 * <p>Limits: at most {@code maxSubscribers} streams at once (each holds an API worker thread; more
 * is UNAVAILABLE, 503); a subscriber that falls {@value #QUEUE} changes behind is ended, and resumes
 * with {@code Last-Event-ID}. {@link #close()} ends every subscription (their streams end cleanly)
 * and stops the poller.
 *
 * <p>Implementation note: rows are read by id ({@code id > mark}), but ids are handed out before
 * commit, so a row may become visible after a higher one was read. The poller therefore keeps the
 * ids it delivered and re-reads from a low mark that trails by {@value #SETTLE_SECONDS} s: a row
 * not visible that long after a higher one was read is taken to have been rolled back. When a
 * re-read window holds more than {@value #BATCH} rows already delivered, the mark jumps ahead.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
    /** Changes a subscriber may have waiting. */
    static final int QUEUE = 1000;
    /** Rows of each kind read per query. */
    static final int BATCH = 1000;
    static final int SETTLE_SECONDS = 5;

    private final AlertReview review;
    private final int maxSubscribers;
    private final Duration pollEvery;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Long> delivered = new HashMap<>();
    private long messageMark = -1;
    private long actionMark = -1;
    private Thread poller;
    private volatile boolean closed;
    private boolean failing;

    /**
     * @param maxSubscribers streams at once, at least 1
     * @param pollEvery how often the catalog is read, e.g. 1 s
     */
    public AlertFeed(AlertReview review, int maxSubscribers, Duration pollEvery) {
        this.review = Objects.requireNonNull(review, "review");
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("maxSubscribers must be at least 1, was " + maxSubscribers);
        }
        this.maxSubscribers = maxSubscribers;
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    }

    /** The most streams at once. */
    public int maxSubscribers() {
        return maxSubscribers;
    }

    /** One stream's view of the feed: the changes it may see, as they come. */
    public final class Subscription implements AutoCloseable {
        private final AlertFilter filter;
        private final SiteScope scope;
        private final BlockingQueue<AlertChange> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean ended;

        private Subscription(AlertFilter filter, SiteScope scope) {
            this.filter = filter;
            this.scope = scope;
        }

        /** Whether this subscriber may see {@code change}. */
        public boolean admits(AlertChange change) {
            return scope.permits(change.alert().site()) && filter.matches(change.alert());
        }

        private void offer(AlertChange change) {
            if (!ended && admits(change) && !queue.offer(change)) {
                ended = true; // fell behind: the client resumes with Last-Event-ID
            }
        }

        /**
         * The next change, waiting at most {@code wait}; {@code null} if none came.
         *
         * @throws InterruptedException if the thread is interrupted (the server stops)
         */
        public AlertChange next(Duration wait) throws InterruptedException {
            return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Whether the stream should end: the feed closed, or this subscriber fell too far behind. */
        public boolean ended() {
            return (ended || closed) && queue.isEmpty();
        }

        @Override
        public void close() {
            ended = true;
            subscribers.remove(this);
        }
    }

    /**
     * Subscribes to changes from now on.
     *
     * @throws VigilException UNAVAILABLE when {@code maxSubscribers} streams are open, or the feed is closed
     */
    public synchronized Subscription subscribe(AlertFilter filter, SiteScope scope) {
        if (closed) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "the node is stopping");
        }
        if (subscribers.size() >= maxSubscribers) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "this node serves at most " + maxSubscribers
                    + " alert streams at once; retry later");
        }
        Subscription s = new Subscription(Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(scope,
                "scope"));
        subscribers.add(s);
        if (poller == null) {
            poller = new Thread(this::run, "vigil-alert-feed");
            poller.setDaemon(true);
            poller.start();
        }
        return s;
    }

    /** Streams open now. */
    public int subscribers() {
        return subscribers.size();
    }

    private void run() {
        while (!closed) {
            try {
                pollOnce(System.nanoTime());
                if (failing) {
                    log.info("alert feed: reading the catalog again");
                    failing = false;
                }
            } catch (VigilException e) {
                if (!failing) {
                    log.warn("alert feed: cannot read the catalog ({}); retrying every {} ms", e.getMessage(),
                            pollEvery.toMillis());
                    failing = true;
                }
            } catch (RuntimeException e) {
                log.error("alert feed: poll failed", e);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pollEvery.toNanos());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One read of the catalog, handing new changes to the subscribers. Poller thread only. */
    void pollOnce(long nowNanos) {
        if (messageMark < 0) {
            FeedPosition head = review.head();
            messageMark = head.message();
            actionMark = head.action();
            return;
        }
        List<AlertChange> changes = review.changesAfter(new FeedPosition(messageMark, actionMark), BATCH);
        int messages = 0;
        int actions = 0;
        int fresh = 0;
        for (AlertChange c : changes) {
            if (c.kind() == AlertChange.Kind.MESSAGE) {
                messages++;
            } else {
                actions++;
            }
            if (delivered.putIfAbsent(c.key(), nowNanos) != null) {
                continue;
            }
            fresh++;
            for (Subscription s : subscribers) {
                s.offer(c);
            }
        }
        long settled = nowNanos - TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long newMessageMark = messageMark;
        long newActionMark = actionMark;
        for (Map.Entry<String, Long> e : delivered.entrySet()) {
            long id = Long.parseLong(e.getKey().substring(1));
            boolean forced = fresh == 0 && (e.getKey().charAt(0) == 'm' ? messages : actions) >= BATCH;
            if (e.getValue() - settled <= 0 || forced) {
                if (e.getKey().charAt(0) == 'm') {
                    newMessageMark = Math.max(newMessageMark, id);
                } else {
                    newActionMark = Math.max(newActionMark, id);
                }
            }
        }
        messageMark = newMessageMark;
        actionMark = newActionMark;
        List<String> old = new ArrayList<>();
        for (String key : delivered.keySet()) {
            long id = Long.parseLong(key.substring(1));
            if (id <= (key.charAt(0) == 'm' ? messageMark : actionMark)) {
                old.add(key);
            }
        }
        old.forEach(delivered::remove);
    }

    /** Ends every subscription and stops the poller. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = poller;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
