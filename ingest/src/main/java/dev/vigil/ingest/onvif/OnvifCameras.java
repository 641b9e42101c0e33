package dev.vigil.ingest.onvif;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.ingest.onvif.events.PullPointSubscriber;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapHttpClient;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.RtspUrl;
import dev.vigil.ingest.supervisor.StreamRelocator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The cameras configured by ONVIF address ({@code onvif: {address, profile}}): resolves their
 * stream URIs before the gateway starts, gives the gateway a {@link StreamRelocator} per camera so
 * that the URIs are asked again after repeated stream failures, and pulls each camera's events
 * (when the device offers an event service) into a {@link CameraEventListener}.
 *
 * <p>A device that cannot be reached at start does not stop the node: its camera starts on a
 * placeholder URL ({@code rtsp://HOST:554/vigil-onvif-unresolved}), fails, and is resolved by its
 * relocator with the supervisor's backoff. Event subscriptions start with the first successful
 * resolution, at start or later through the relocator.
 *
 * <p>{@link #add} and {@link #remove} resolve and forget one camera while the others run.
 *
 * <p>Threading: resolution at start (and at {@link #add}) runs on the caller's thread; re-resolution on one daemon
 * thread ({@code vigil-onvif-resolve}); events on a thread per camera. {@link #close()} stops all.
 */
public final class OnvifCameras implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnvifCameras.class);

    private final SoapHttpClient http;
    private final ExecutorService resolver;
    private final Map<CameraId, OnvifDevice> devices;
    private final Map<CameraId, String> profiles;
    private final Map<CameraId, URI> addresses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<CameraId, PullPointSubscriber> subscribers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<CameraConfig> cameras;
    private final CameraEventListener events;
    private final Clock clock;

    private OnvifCameras(SoapHttpClient http, ExecutorService resolver, Map<CameraId, OnvifDevice> devices,
            Map<CameraId, String> profiles, List<CameraConfig> cameras, CameraEventListener events, Clock clock) {
        this.http = http;
        this.resolver = resolver;
        this.devices = devices;
        this.profiles = profiles;
        this.cameras = cameras; // filled by start() before it returns
        this.events = events;
        this.clock = clock;
    }

    /**
     * Resolves every enabled ONVIF camera of {@code cameras} and starts their event subscriptions.
     *
     * @param env holds the passwords named by {@code credentials.passwordEnv}
     * @param timeout the deadline of one SOAP call
     * @throws VigilException INVALID_ARGUMENT naming the camera when its password variable is unset
     */
    public static OnvifCameras start(List<CameraConfig> cameras, Map<String, String> env, Duration timeout,
            CameraEventListener events, Clock clock) {
        return start(cameras, env, timeout, events, clock, id -> null);
    }

    /**
     * Like {@link #start(List, Map, Duration, CameraEventListener, Clock)}, with the networks each
     * camera's SOAP requests may connect to.
     *
     * @param restrictions the networks of a camera, or {@code null} for anywhere
     */
    public static OnvifCameras start(List<CameraConfig> cameras, Map<String, String> env, Duration timeout,
            CameraEventListener events, Clock clock, Function<CameraId, CameraNetworks> restrictions) {
        SoapHttpClient http = SoapHttpClient.create(timeout);
        ExecutorService resolver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-onvif-resolve");
            t.setDaemon(true);
            return t;
        });
        Map<CameraId, OnvifDevice> devices = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<CameraId, String> profiles = Collections.synchronizedMap(new LinkedHashMap<>());
        List<CameraConfig> out = new ArrayList<>();
        OnvifCameras result = new OnvifCameras(http, resolver, devices, profiles, out, events, clock);
        try {
            for (CameraConfig c : cameras) {
                if (c.onvif() == null || !Boolean.TRUE.equals(c.enabled())) {
                    out.add(c);
                    continue;
                }
                CameraId id = CameraId.of(c.id());
                URI address = URI.create(c.onvif().address().strip());
                CameraNetworks networks = restrictions.apply(id);
                SoapClient soap = new SoapClient(networks == null ? http : http.restrictedTo(networks),
                        credentials(id, c.credentials(), env), clock);
                OnvifDevice device = new OnvifDevice(soap, address, AddressRewrite.Policy.AUTO);
                devices.put(id, device);
                profiles.put(id, c.onvif().profile());
                result.addresses.put(id, address);
                out.add(result.resolveAtStart(id, c, device, address));
            }
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    private CameraConfig resolveAtStart(CameraId id, CameraConfig c, OnvifDevice device, URI address) {
        MDC.put("camera", id.value());
        try {
            StreamResolution r = device.resolveStreams(c.onvif().profile());
            log.info("ONVIF: recording profile {} ({}x{} {}) at {}, analysing {} at {}", r.choice().record().token(),
                    r.choice().record().width(), r.choice().record().height(), r.choice().record().codec(),
                    redact(r.recordUri()), r.choice().detect().token(), redact(r.detectUri()));
            subscribeIfOffered(id, device, r);
            return c.withStreams(redact(r.recordUri()), redact(r.detectUri()));
        } catch (OnvifException e) {
            String placeholder = "rtsp://" + hostPart(address) + ":554/vigil-onvif-unresolved";
            log.warn("ONVIF: cannot resolve the streams of {} ({}: {}); starting on {} until the device answers",
                    address, e.failure().label(), e.getMessage(), placeholder);
            return c.withStreams(placeholder, null);
        } finally {
            MDC.remove("camera");
        }
    }

    /**
     * Adds one more ONVIF camera while the others run: resolves its stream URIs (blocking, a few
     * SOAP calls within the timeout each; a device that does not answer gives the placeholder URL,
     * and the camera's relocator asks again later) and starts its event subscription.
     *
     * @param env holds the password named by {@code credentials.passwordEnv}
     * @param networks the only networks its SOAP requests may connect to, or {@code null}
     * @return the camera with its resolved (or placeholder) stream URLs
     * @throws VigilException INVALID_ARGUMENT when its password variable is unset, ALREADY_EXISTS
     *     when it is here already
     */
    public CameraConfig add(CameraConfig c, Map<String, String> env, CameraNetworks networks) {
        CameraId id = CameraId.of(c.id());
        URI address = URI.create(c.onvif().address().strip());
        SoapClient soap = new SoapClient(networks == null ? http : http.restrictedTo(networks),
                credentials(id, c.credentials(), env), clock);
        OnvifDevice device = new OnvifDevice(soap, address, AddressRewrite.Policy.AUTO);
        synchronized (devices) {
            if (devices.containsKey(id)) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "cameras[" + id
                        + "]: already resolved through ONVIF");
            }
            devices.put(id, device);
            profiles.put(id, c.onvif().profile());
        }
        addresses.put(id, address);
        return resolveAtStart(id, c, device, address);
    }

    /** Forgets an ONVIF camera: its relocator stops answering and its event subscription ends. No-op if unknown. */
    public void remove(CameraId id) {
        devices.remove(id);
        profiles.remove(id);
        addresses.remove(id);
        PullPointSubscriber s = subscribers.remove(id);
        if (s != null) {
            s.close();
        }
    }

    /** Every camera, ONVIF ones with their resolved (or placeholder) URLs; others unchanged. */
    public List<CameraConfig> cameras() {
        return List.copyOf(cameras);
    }

    /** The relocator of an ONVIF camera's recorded stream, or {@code null} for the others. */
    public StreamRelocator relocator(CameraId camera) {
        return relocator(camera, StreamResolution::recordUri);
    }

    /**
     * The relocator of an ONVIF camera's detect stream (the smaller profile analytics read), or
     * {@code null} for the others.
     */
    public StreamRelocator detectRelocator(CameraId camera) {
        return relocator(camera, StreamResolution::detectUri);
    }

    private StreamRelocator relocator(CameraId camera, java.util.function.Function<StreamResolution, URI> stream) {
        OnvifDevice device = devices.get(camera);
        if (device == null) {
            return null;
        }
        String profile = profiles.get(camera);
        return () -> CompletableFuture.supplyAsync(() -> {
            if (devices.get(camera) != device) {
                throw new VigilException(ErrorKind.NOT_FOUND, "camera " + camera
                        + " is no longer resolved through ONVIF");
            }
            synchronized (device) {
                StreamResolution r = device.resolveStreams(profile);
                subscribeIfOffered(camera, device, r); // a device that was down at start
                return RtspUrl.parse(redact(stream.apply(r)));
            }
        }, resolver);
    }

    /** Starts the camera's event subscription when its device offers events and none runs yet. */
    private void subscribeIfOffered(CameraId id, OnvifDevice device, StreamResolution r) {
        if (r.services().events() == null || subscribers.containsKey(id) || devices.get(id) != device) {
            return;
        }
        AddressRewrite rewrite = new AddressRewrite(AddressRewrite.Policy.AUTO, addresses.get(id));
        PullPointSubscriber s = new PullPointSubscriber(id, device.soap(), r.services().events(), events, clock,
                PullPointSubscriber.Settings.defaults(), rewrite::service);
        if (subscribers.putIfAbsent(id, s) == null) {
            s.start();
        }
    }

    /** The event subscribers started, one per ONVIF camera with an event service. */
    public List<PullPointSubscriber> subscribers() {
        return List.copyOf(subscribers.values());
    }

    private static Credentials credentials(CameraId id, CredentialsConfig cfg, Map<String, String> env) {
        if (cfg == null || cfg.user() == null || cfg.user().isEmpty()) {
            return null;
        }
        String password = cfg.password(env);
        if (password == null) {
            throw VigilException.invalid("cameras[" + id + "].credentials.passwordEnv: environment variable '"
                    + cfg.passwordEnv() + "' is not set");
        }
        return new Credentials(cfg.user(), password);
    }

    /** A device's stream URI without user info: the login comes from the config, never from the URL. */
    private static String redact(URI uri) {
        return CredentialRedaction.stripUserInfo(uri.toString());
    }

    private static String hostPart(URI address) {
        return address.getHost();
    }

    @Override
    public void close() {
        subscribers.values().forEach(PullPointSubscriber::close);
        resolver.shutdownNow();
        try {
            resolver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
