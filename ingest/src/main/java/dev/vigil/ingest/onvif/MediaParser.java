package dev.vigil.ingest.onvif;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TR2;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TRT;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TT;

import dev.vigil.ingest.onvif.soap.SoapEnvelope;
import dev.vigil.ingest.onvif.soap.Xml;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Requests to and answers of the Media service (ver10, ONVIF Media Service Specification) and the
 * Media2 service (ver20, Media2 Service Specification): profiles, stream URIs, snapshot URIs.
 * Pure: DOM in, records or {@link OnvifException} out.
 */
public final class MediaParser {
    private MediaParser() {}

    /** Which media service a request or answer belongs to. */
    public enum Version {
        /** {@code http://www.onvif.org/ver10/media/wsdl} */
        MEDIA(TRT),
        /** {@code http://www.onvif.org/ver20/media/wsdl} */
        MEDIA2(TR2);

        private final String ns;

        Version(String ns) {
            this.ns = ns;
        }

        public String namespace() {
            return ns;
        }
    }

    public static String getProfiles(Version v) {
        return v == Version.MEDIA2
                ? "<tr2:GetProfiles xmlns:tr2=\"" + TR2 + "\"><tr2:Type>VideoEncoder</tr2:Type></tr2:GetProfiles>"
                : "<trt:GetProfiles xmlns:trt=\"" + TRT + "\"/>";
    }

    /** GetStreamUri for RTP unicast over RTSP (interleaved on the RTSP connection when Vigil asks so). */
    public static String getStreamUri(Version v, String profileToken) {
        String token = Xml.escape(profileToken);
        if (v == Version.MEDIA2) {
            return "<tr2:GetStreamUri xmlns:tr2=\"" + TR2 + "\"><tr2:Protocol>RTSP</tr2:Protocol>"
                    + "<tr2:ProfileToken>" + token + "</tr2:ProfileToken></tr2:GetStreamUri>";
        }
        return "<trt:GetStreamUri xmlns:trt=\"" + TRT + "\" xmlns:tt=\"" + TT + "\"><trt:StreamSetup>"
                + "<tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport>"
                + "</trt:StreamSetup><trt:ProfileToken>" + token + "</trt:ProfileToken></trt:GetStreamUri>";
    }

    public static String getSnapshotUri(Version v, String profileToken) {
        String p = v == Version.MEDIA2 ? "tr2" : "trt";
        return "<" + p + ":GetSnapshotUri xmlns:" + p + "=\"" + v.namespace() + "\"><" + p + ":ProfileToken>"
                + Xml.escape(profileToken) + "</" + p + ":ProfileToken></" + p + ":GetSnapshotUri>";
    }

    /** The profiles of a GetProfilesResponse, in the device's order. */
    public static List<MediaProfile> profiles(Version v, Document doc, String what) {
        Element r = SoapEnvelope.expect(doc, v.namespace(), "GetProfilesResponse", what);
        List<MediaProfile> out = new ArrayList<>();
        for (Element p : Xml.children(r, v.namespace(), "Profiles")) {
            String token = Xml.attribute(p, "token");
            if (token == null || token.isEmpty()) {
                throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": a profile without a token");
            }
            Element encoder = v == Version.MEDIA2
                    ? Xml.path(p, TR2, "Configurations", TR2, "VideoEncoder")
                    : Xml.child(p, TT, "VideoEncoderConfiguration");
            Element resolution = Xml.child(encoder, TT, "Resolution");
            out.add(new MediaProfile(token, Xml.childText(p, v == Version.MEDIA2 ? TR2 : TT, "Name"),
                    Xml.childText(encoder, TT, "Encoding"),
                    Math.max(0, Xml.intOr(Xml.childText(resolution, TT, "Width"), 0)),
                    Math.max(0, Xml.intOr(Xml.childText(resolution, TT, "Height"), 0))));
        }
        return out;
    }

    /** The URI of a GetStreamUriResponse. */
    public static URI streamUri(Version v, Document doc, String what) {
        return mediaUri(v, SoapEnvelope.expect(doc, v.namespace(), "GetStreamUriResponse", what), what);
    }

    /** The URI of a GetSnapshotUriResponse. */
    public static URI snapshotUri(Version v, Document doc, String what) {
        return mediaUri(v, SoapEnvelope.expect(doc, v.namespace(), "GetSnapshotUriResponse", what), what);
    }

    /** Media: {@code MediaUri/tt:Uri}; Media2: {@code tr2:Uri}. */
    private static URI mediaUri(Version v, Element response, String what) {
        String text = v == Version.MEDIA2 ? Xml.childText(response, TR2, "Uri")
                : Xml.text(Xml.path(response, TRT, "MediaUri", TT, "Uri"));
        if (text == null || text.isEmpty()) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": no Uri in the answer");
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": not an absolute URI: '"
                        + dev.vigil.core.config.CredentialRedaction.redactUrl(text) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": not a URI: " + e.getReason());
        }
    }
}
