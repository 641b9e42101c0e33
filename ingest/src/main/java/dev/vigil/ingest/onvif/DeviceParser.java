package dev.vigil.ingest.onvif;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TDS;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TEV;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TR2;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TRT;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TT;

import dev.vigil.ingest.onvif.soap.SoapEnvelope;
import dev.vigil.ingest.onvif.soap.Xml;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the answers of the device service (ONVIF Core specification, section 8): pure, DOM in,
 * record or {@link OnvifException} out. Requests are built here too, as the bodies
 * {@link dev.vigil.ingest.onvif.soap.SoapClient} sends.
 */
public final class DeviceParser {
    private DeviceParser() {}

    public static final String GET_SYSTEM_DATE_AND_TIME = "<tds:GetSystemDateAndTime xmlns:tds=\"" + TDS + "\"/>";
    public static final String GET_DEVICE_INFORMATION = "<tds:GetDeviceInformation xmlns:tds=\"" + TDS + "\"/>";
    public static final String GET_SERVICES = "<tds:GetServices xmlns:tds=\"" + TDS + "\">"
            + "<tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>";
    public static final String GET_CAPABILITIES = "<tds:GetCapabilities xmlns:tds=\"" + TDS + "\">"
            + "<tds:Category>All</tds:Category></tds:GetCapabilities>";

    /** The device's UTC time from a GetSystemDateAndTimeResponse ({@code UTCDateTime}). */
    public static Instant systemDateAndTime(Document doc, String what) {
        Element r = SoapEnvelope.expect(doc, TDS, "GetSystemDateAndTimeResponse", what);
        Element utc = Xml.path(r, TDS, "SystemDateAndTime", TT, "UTCDateTime");
        if (utc == null) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": no SystemDateAndTime/UTCDateTime");
        }
        Element date = Xml.child(utc, TT, "Date");
        Element time = Xml.child(utc, TT, "Time");
        try {
            return LocalDateTime.of(num(date, "Year", what), num(date, "Month", what), num(date, "Day", what),
                    num(time, "Hour", what), num(time, "Minute", what), num(time, "Second", what))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": impossible date or time: " + e.getMessage());
        }
    }

    private static int num(Element parent, String local, String what) {
        String t = Xml.requireText(parent, TT, local, what);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": " + local + " is not a number: '" + t + "'");
        }
    }

    public static DeviceInformation deviceInformation(Document doc, String what) {
        Element r = SoapEnvelope.expect(doc, TDS, "GetDeviceInformationResponse", what);
        return new DeviceInformation(Xml.childText(r, TDS, "Manufacturer"), Xml.childText(r, TDS, "Model"),
                Xml.childText(r, TDS, "FirmwareVersion"), Xml.childText(r, TDS, "SerialNumber"),
                Xml.childText(r, TDS, "HardwareId"));
    }

    /**
     * Service addresses from a GetServicesResponse; {@code deviceService} stands in for the device
     * service when the answer leaves it out.
     */
    public static ServiceAddresses services(Document doc, URI deviceService, String what) {
        Element r = SoapEnvelope.expect(doc, TDS, "GetServicesResponse", what);
        URI device = null;
        URI media = null;
        URI media2 = null;
        URI events = null;
        for (Element s : Xml.children(r, TDS, "Service")) {
            String ns = Xml.childText(s, TDS, "Namespace");
            URI addr = uri(Xml.childText(s, TDS, "XAddr"));
            if (ns == null || addr == null) {
                continue;
            }
            switch (ns) {
                case TDS -> device = addr;
                case TRT -> media = addr;
                case TR2 -> media2 = addr;
                case TEV -> events = addr;
                default -> { }
            }
        }
        return new ServiceAddresses(device != null ? device : deviceService, media, media2, events);
    }

    /** Service addresses from a GetCapabilitiesResponse (devices before ONVIF 2.0 lack GetServices). */
    public static ServiceAddresses capabilities(Document doc, URI deviceService, String what) {
        Element r = SoapEnvelope.expect(doc, TDS, "GetCapabilitiesResponse", what);
        Element caps = Xml.child(r, TDS, "Capabilities");
        if (caps == null) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": no Capabilities");
        }
        URI device = uri(Xml.text(Xml.path(caps, TT, "Device", TT, "XAddr")));
        URI media = uri(Xml.text(Xml.path(caps, TT, "Media", TT, "XAddr")));
        URI events = uri(Xml.text(Xml.path(caps, TT, "Events", TT, "XAddr")));
        return new ServiceAddresses(device != null ? device : deviceService, media, null, events);
    }

    /** An absolute http(s) URI, or {@code null} for anything else (vendors fill XAddrs oddly). */
    static URI uri(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(s.strip().split("\\s+")[0]);
            return u.getHost() != null && u.getScheme() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
