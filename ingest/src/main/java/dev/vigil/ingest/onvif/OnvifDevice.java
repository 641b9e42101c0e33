package dev.vigil.ingest.onvif;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TDS;

import dev.vigil.ingest.onvif.MediaParser.Version;
import dev.vigil.ingest.onvif.soap.SoapClient;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;

/**
 * One ONVIF device, reached at its device service URL: the calls Vigil makes, in the order real
 * cameras need them. Parsing is left to {@link DeviceParser} and {@link MediaParser}; transport,
 * login and error mapping to {@link SoapClient}.
 *
 * <p>Order (quirk 44): GetSystemDateAndTime without login first, to learn the camera's clock
 * offset for {@code wsu:Created}; then GetServices (GetCapabilities when the device faults on it),
 * then the media calls on Media2 when offered, else Media. Addresses in answers go through
 * {@link AddressRewrite} (quirk 43).
 *
 * <p>Threading: blocking calls; use from one thread at a time, never from an event loop.
 */
public final class OnvifDevice {
    private final SoapClient soap;
    private final URI deviceService;
    private final AddressRewrite rewrite;
    private boolean clockLearned;
    private ServiceAddresses services;

    public OnvifDevice(SoapClient soap, URI deviceService, AddressRewrite.Policy policy) {
        this.soap = Objects.requireNonNull(soap, "soap");
        this.deviceService = Objects.requireNonNull(deviceService, "deviceService");
        this.rewrite = new AddressRewrite(policy, deviceService);
    }

    public URI deviceService() {
        return deviceService;
    }

    public SoapClient soap() {
        return soap;
    }

    /**
     * GetSystemDateAndTime without login; learns the clock offset. A device that faults on it (some
     * want a login even for this) keeps offset zero; no answer at all, or not ONVIF, is thrown.
     *
     * @return the device's time, or {@code null} when it faulted
     */
    public Instant syncClock() {
        clockLearned = true;
        try {
            Document d = soap.call(deviceService, TDS + "/GetSystemDateAndTime", DeviceParser.GET_SYSTEM_DATE_AND_TIME,
                    false, null, what("GetSystemDateAndTime"));
            Instant now = DeviceParser.systemDateAndTime(d, what("GetSystemDateAndTime"));
            soap.learnClockOffset(now);
            return now;
        } catch (OnvifException e) {
            if (e.failure() == OnvifFailure.FAULT || e.failure() == OnvifFailure.UNAUTHORIZED) {
                return null;
            }
            throw e;
        }
    }

    public DeviceInformation deviceInformation() {
        ensureClock();
        return DeviceParser.deviceInformation(soap.call(deviceService, TDS + "/GetDeviceInformation",
                DeviceParser.GET_DEVICE_INFORMATION, true, null, what("GetDeviceInformation")),
                what("GetDeviceInformation"));
    }

    /** Where the services are, asked once and kept; GetCapabilities when GetServices faults. */
    public ServiceAddresses services() {
        if (services != null) {
            return services;
        }
        ensureClock();
        ServiceAddresses s;
        try {
            s = DeviceParser.services(soap.call(deviceService, TDS + "/GetServices", DeviceParser.GET_SERVICES, true,
                    null, what("GetServices")), deviceService, what("GetServices"));
        } catch (OnvifException e) {
            if (e.failure() != OnvifFailure.FAULT && e.failure() != OnvifFailure.PROTOCOL_ERROR) {
                throw e;
            }
            s = DeviceParser.capabilities(soap.call(deviceService, TDS + "/GetCapabilities",
                    DeviceParser.GET_CAPABILITIES, true, null, what("GetCapabilities")), deviceService,
                    what("GetCapabilities"));
        }
        services = s.map(rewrite::service);
        return services;
    }

    /** The media service to use: Media2 when offered, else Media. */
    public Version mediaVersion() {
        ServiceAddresses s = services();
        if (s.media2() == null && s.media() == null) {
            throw new OnvifException(OnvifFailure.UNSUPPORTED, what("GetServices") + ": the device offers no media "
                    + "service");
        }
        return s.media2() != null ? Version.MEDIA2 : Version.MEDIA;
    }

    public List<MediaProfile> profiles(Version v) {
        URI at = mediaService(v);
        String w = "GetProfiles at " + at;
        return MediaParser.profiles(v, soap.call(at, v.namespace() + "/GetProfiles", MediaParser.getProfiles(v),
                true, null, w), w);
    }

    /** The RTSP URI of a profile, host rewritten per quirk 43. */
    public URI streamUri(Version v, MediaProfile profile) {
        URI at = mediaService(v);
        String w = "GetStreamUri(" + profile.token() + ") at " + at;
        return rewrite.media(MediaParser.streamUri(v, soap.call(at, v.namespace() + "/GetStreamUri",
                MediaParser.getStreamUri(v, profile.token()), true, null, w), w));
    }

    /** The snapshot URI of a profile, or {@code null} when the device faults on it (many have none). */
    public URI snapshotUri(Version v, MediaProfile profile) {
        URI at = mediaService(v);
        String w = "GetSnapshotUri(" + profile.token() + ") at " + at;
        try {
            return rewrite.media(MediaParser.snapshotUri(v, soap.call(at, v.namespace() + "/GetSnapshotUri",
                    MediaParser.getSnapshotUri(v, profile.token()), true, null, w), w));
        } catch (OnvifException e) {
            if (e.failure() == OnvifFailure.FAULT || e.failure() == OnvifFailure.PROTOCOL_ERROR) {
                return null;
            }
            throw e;
        }
    }

    /** Everything {@code vigil onvif inspect} prints. */
    public DeviceReport inspect() {
        syncClock();
        DeviceInformation info = deviceInformation();
        Version v = mediaVersion();
        List<DeviceReport.ProfileUris> out = new ArrayList<>();
        for (MediaProfile p : profiles(v)) {
            URI stream = null;
            if (p.ingestible() || !p.codec().isEmpty()) {
                try {
                    stream = streamUri(v, p);
                } catch (OnvifException e) {
                    if (e.failure() != OnvifFailure.FAULT) {
                        throw e;
                    }
                }
            }
            out.add(new DeviceReport.ProfileUris(p, stream, snapshotUri(v, p)));
        }
        return new DeviceReport(info, services(), soap.clockOffset(), out);
    }

    /**
     * The streams to record and analyse: profiles picked by {@link ProfileChoice}.
     *
     * @param wantedProfile the configured profile token or name, or {@code null}
     */
    public StreamResolution resolveStreams(String wantedProfile) {
        syncClock();
        Version v = mediaVersion();
        ProfileChoice choice = ProfileChoice.pick(profiles(v), wantedProfile, what("GetProfiles"));
        URI record = streamUri(v, choice.record());
        URI detect = choice.detect().equals(choice.record()) ? record : streamUri(v, choice.detect());
        return new StreamResolution(record, detect, choice, services());
    }

    private void ensureClock() {
        if (!clockLearned) {
            syncClock();
        }
    }

    private URI mediaService(Version v) {
        ServiceAddresses s = services();
        URI at = v == Version.MEDIA2 ? s.media2() : s.media();
        if (at == null) {
            throw new OnvifException(OnvifFailure.UNSUPPORTED, deviceService + ": the device offers no "
                    + (v == Version.MEDIA2 ? "Media2" : "Media") + " service");
        }
        return at;
    }

    private String what(String operation) {
        return operation + " at " + deviceService;
    }
}
