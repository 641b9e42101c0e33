package dev.vigil.ingest.onvif.events;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapEnvelope;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Pulls one camera's events (ONVIF PullPoint): CreatePullPointSubscription, then PullMessages in a
 * loop, Renew when 80 % of the lifetime the device granted has passed (measured on the device's
 * clock, so skew does not matter), Unsubscribe on {@link #close()}; after any failure it backs off
 * (1 s doubling to {@link Settings#backoffMax()}) and subscribes again. Motion and tamper topics
 * become {@link CameraEvent}s for the listener; other topics are counted and logged once each.
 *
 * <p>States: {@code NEW -> SUBSCRIBING -> PULLING}; a failure goes to {@code BACKING_OFF}, then
 * {@code SUBSCRIBING}; {@link #close()} goes to {@code STOPPED} from anywhere.
 *
 * <p>Threading: one daemon thread per camera ({@code vigil-onvif-events-CAMERA}) making blocking
 * SOAP calls; {@link #close()} stops it and waits for it (bounded). Time comes from the injected clock.
 */
public final class PullPointSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PullPointSubscriber.class);

    /** The subscriber's states. */
    public enum State { NEW, SUBSCRIBING, PULLING, BACKING_OFF, STOPPED }

    /**
     * @param termination the lifetime asked for a subscription (the device may grant less)
     * @param pullTimeout how long the device may hold a PullMessages (shorter than the HTTP timeout)
     * @param messageLimit most messages per pull
     * @param backoffMax the longest wait between failed attempts
     */
    public record Settings(Duration termination, Duration pullTimeout, int messageLimit, Duration backoffMax) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), Duration.ofSeconds(5), 32, Duration.ofSeconds(60));
        }
    }

    private final CameraId camera;
    private final SoapClient soap;
    private final URI eventService;
    private final CameraEventListener listener;
    private final Clock clock;
    private final Settings settings;
    private final UnaryOperator<URI> rewrite;
    private final Set<String> unknownLogged = ConcurrentHashMap.newKeySet();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile State state = State.NEW;
    private volatile boolean running = true;

    /**
     * @param rewrite applied to the subscription address the device answers (quirk 43)
     */
    public PullPointSubscriber(CameraId camera, SoapClient soap, URI eventService, CameraEventListener listener,
            Clock clock, Settings settings, UnaryOperator<URI> rewrite) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.soap = Objects.requireNonNull(soap, "soap");
        this.eventService = Objects.requireNonNull(eventService, "eventService");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rewrite = Objects.requireNonNull(rewrite, "rewrite");
        this.thread = new Thread(this::run, "vigil-onvif-events-" + camera.value());
        this.thread.setDaemon(true);
    }

    /** Starts the pulling thread; once, in state NEW. */
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("camera " + camera + ": start() must be called in state NEW, was " + state);
        }
        state = State.SUBSCRIBING;
        thread.start();
    }

    public State state() {
        return state;
    }

    /** Subscriptions created so far (the first and every resubscription). */
    public long subscriptions() {
        return subscriptions.get();
    }

    public long renewals() {
        return renewals.get();
    }

    public long failures() {
        return failures.get();
    }

    private void run() {
        MDC.put("camera", camera.value());
        EventMessages.Subscription sub = null;
        long renewAtMillis = 0;
        long backoffMs = 1000;
        try {
            while (running) {
                try {
                    if (sub == null) {
                        state = State.SUBSCRIBING;
                        sub = subscribe();
                        renewAtMillis = renewAt(sub);
                        state = State.PULLING;
                    } else if (clock.millis() >= renewAtMillis) {
                        sub = renew(sub);
                        renewAtMillis = renewAt(sub);
                    }
                    pull(sub);
                    backoffMs = 1000;
                } catch (OnvifException e) {
                    if (!running) {
                        break;
                    }
                    failures.incrementAndGet();
                    sub = null;
                    state = State.BACKING_OFF;
                    log.warn("camera events: {} ({}); subscribing again in {} ms", e.getMessage(), e.failure().label(),
                            backoffMs);
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, settings.backoffMax().toMillis());
                }
            }
        } finally {
            if (sub != null) {
                unsubscribe(sub);
            }
            state = State.STOPPED;
            MDC.remove("camera");
        }
    }

    private EventMessages.Subscription subscribe() {
        String what = "CreatePullPointSubscription at " + eventService;
        EventMessages.Subscription s = EventMessages.subscription(soap.call(eventService, EventMessages.CREATE_ACTION,
                EventMessages.createPullPointSubscription(settings.termination()), true,
                addressing(EventMessages.CREATE_ACTION, eventService), what), what);
        s = s.at(rewrite.apply(s.address()));
        subscriptions.incrementAndGet();
        log.info("camera events: subscribed at {}, lifetime {}", s.address(), s.lifetime());
        return s;
    }

    private EventMessages.Subscription renew(EventMessages.Subscription s) {
        String what = "Renew at " + s.address();
        EventMessages.Subscription r = EventMessages.renewed(soap.call(s.address(), EventMessages.RENEW_ACTION,
                EventMessages.renew(settings.termination()), true, addressing(EventMessages.RENEW_ACTION, s), what), s,
                what);
        renewals.incrementAndGet();
        return r;
    }

    private void pull(EventMessages.Subscription s) {
        String what = "PullMessages at " + s.address();
        EventMessages.Pulled pulled = EventMessages.pulled(soap.call(s.address(), EventMessages.PULL_ACTION,
                EventMessages.pullMessages(settings.pullTimeout(), settings.messageLimit()), true,
                addressing(EventMessages.PULL_ACTION, s), what), what);
        for (Notification n : pulled.messages()) {
            Optional<CameraEvent> event = EventTopics.event(camera, n, clock.instant());
            if (event.isPresent()) {
                log.info("camera event: {} {} ({} {})", event.get().kind(), event.get().active() ? "started" : "ended",
                        n.prefixedTopic(), event.get().source());
                listener.onEvent(event.get());
            } else {
                listener.onUnknownTopic(camera, n.prefixedTopic());
                if (unknownLogged.add(n.topicNamespace() + " " + n.topic())) {
                    log.info("camera event with an unmapped topic {} ({}); counted, logged once", n.prefixedTopic(),
                            n.topicNamespace());
                }
            }
        }
    }

    private void unsubscribe(EventMessages.Subscription s) {
        boolean interrupted = Thread.interrupted();
        try {
            soap.call(s.address(), EventMessages.UNSUBSCRIBE_ACTION, EventMessages.unsubscribe(), true,
                    addressing(EventMessages.UNSUBSCRIBE_ACTION, s), "Unsubscribe at " + s.address());
        } catch (OnvifException e) {
            log.info("camera events: unsubscribe failed ({}); the device drops the subscription at its termination time",
                    e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Our clock's time for the renewal: 80 % of the lifetime the device granted, at least 1 s ahead. */
    private long renewAt(EventMessages.Subscription s) {
        Duration lifetime = s.lifetime();
        if (lifetime.isZero() || lifetime.isNegative()) {
            lifetime = settings.termination();
        }
        return clock.millis() + Math.max(1000, lifetime.toMillis() * 8 / 10);
    }

    private static SoapEnvelope.Addressing addressing(String action, URI to) {
        return new SoapEnvelope.Addressing(action, to.toString(), UUID.randomUUID());
    }

    /** Addressing for a request to a subscription: its reference parameters go back as headers. */
    private static SoapEnvelope.Addressing addressing(String action, EventMessages.Subscription s) {
        return new SoapEnvelope.Addressing(action, s.address().toString(), UUID.randomUUID(), s.referenceParameters());
    }

    private void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops pulling, unsubscribes (bounded by the HTTP timeout) and waits for the thread. */
    @Override
    public void close() {
        running = false;
        if (state == State.NEW) {
            state = State.STOPPED;
            return;
        }
        thread.interrupt();
        try {
            thread.join(soap.timeoutMillis() * 2 + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
