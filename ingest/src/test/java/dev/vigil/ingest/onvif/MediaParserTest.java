package dev.vigil.ingest.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.onvif.MediaParser.Version;
import dev.vigil.ingest.onvif.soap.SafeXml;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media answers recorded from real cameras (agsh/onvif fixtures), and Media2 ones written from its WSDL. */
class MediaParserTest {
    @Test
    void profilesOfAMedia10Device() {
        List<MediaProfile> p = MediaParser.profiles(Version.MEDIA, OnvifFixtures.doc("GetProfiles.xml"), "fixture");
        assertEquals(List.of(new MediaProfile("main", "main", "H264", 1920, 1080)), p);
    }

    @Test
    void streamAndSnapshotUris() {
        assertEquals(URI.create("rtsp://192.168.68.111/h264main"),
                MediaParser.streamUri(Version.MEDIA, OnvifFixtures.doc("GetStreamUri.xml"), "fixture"));
    }

    @Test
    void snapshotFixtureWithAnUnboundPrefixIsRefusedThenReadOnceRepaired() {
        // Upstream's GetSnapshotUri.xml uses SOAP-ENV: without declaring it: namespace-aware parsing must refuse it.
        OnvifException e = assertThrows(OnvifException.class, () -> OnvifFixtures.doc("GetSnapshotUri.xml"));
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("\"SOAP-ENV\" for element \"SOAP-ENV:Envelope\" is not bound"), e.getMessage());
        String repaired = OnvifFixtures.text("GetSnapshotUri.xml").replace("<SOAP-ENV:Envelope ",
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\" ");
        assertEquals(URI.create("http://192.168.68.111/onvif-cgi/jpg/image.cgi?resolution=800x600&compression=20&camera=1"),
                MediaParser.snapshotUri(Version.MEDIA, parse(repaired), "fixture"));
    }

    @Test
    void streamUriHostIsRewrittenButItsPortKeptQuirk43() {
        URI answered = MediaParser.streamUri(Version.MEDIA, OnvifFixtures.doc("GetStreamUri.xml"), "fixture");
        AddressRewrite rewrite = new AddressRewrite(AddressRewrite.Policy.AUTO, URI.create("http://203.0.113.9:8080/onvif/device_service"));
        assertEquals(URI.create("rtsp://203.0.113.9/h264main"), rewrite.media(answered));
        assertEquals(URI.create("http://203.0.113.9:8080/onvif/services"),
                rewrite.service(URI.create("http://192.168.68.111/onvif/services")));
        // A DNS name or a public address is what the device meant: kept.
        assertEquals(URI.create("rtsp://nvr.example/x"), rewrite.media(URI.create("rtsp://nvr.example/x")));
        assertEquals(URI.create("rtsp://198.51.100.7/x"), rewrite.media(URI.create("rtsp://198.51.100.7/x")));
    }

    @Test
    void media2ProfilesAndUris() {
        String profiles = """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tr2="http://www.onvif.org/ver20/media/wsdl"
                    xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body><tr2:GetProfilesResponse>
                  <tr2:Profiles token="Profile_1" fixed="true"><tr2:Name>mainStream</tr2:Name><tr2:Configurations>
                    <tr2:VideoEncoder token="VideoEncoderToken_1" GovLength="50" Profile="Main"><tt:Name>VideoEncoder_1</tt:Name>
                      <tt:UseCount>1</tt:UseCount><tt:Encoding>H265</tt:Encoding>
                      <tt:Resolution><tt:Width>2560</tt:Width><tt:Height>1440</tt:Height></tt:Resolution>
                    </tr2:VideoEncoder></tr2:Configurations></tr2:Profiles>
                  <tr2:Profiles token="Profile_2"><tr2:Name>subStream</tr2:Name><tr2:Configurations>
                    <tr2:VideoEncoder token="VideoEncoderToken_2"><tt:Encoding>H264</tt:Encoding>
                      <tt:Resolution><tt:Width>640</tt:Width><tt:Height>360</tt:Height></tt:Resolution>
                    </tr2:VideoEncoder></tr2:Configurations></tr2:Profiles>
                </tr2:GetProfilesResponse></s:Body></s:Envelope>""";
        List<MediaProfile> p = MediaParser.profiles(Version.MEDIA2, parse(profiles), "test");
        assertEquals(List.of(new MediaProfile("Profile_1", "mainStream", "H265", 2560, 1440),
                new MediaProfile("Profile_2", "subStream", "H264", 640, 360)), p);
        String uri = """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tr2="http://www.onvif.org/ver20/media/wsdl">
                <s:Body><tr2:GetStreamUriResponse><tr2:Uri>rtsp://10.1.1.5:554/Streaming/Channels/101</tr2:Uri>
                </tr2:GetStreamUriResponse></s:Body></s:Envelope>""";
        assertEquals(URI.create("rtsp://10.1.1.5:554/Streaming/Channels/101"),
                MediaParser.streamUri(Version.MEDIA2, parse(uri), "test"));
    }

    @Test
    void media10AnswerReadAsMedia2IsAWrongNamespaceError() {
        OnvifException e = assertThrows(OnvifException.class,
                () -> MediaParser.profiles(Version.MEDIA2, OnvifFixtures.doc("GetProfiles.xml"), "fixture"));
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
    }

    @Test
    void requestsEscapeTheToken() {
        assertEquals(true, MediaParser.getStreamUri(Version.MEDIA, "a<b&c").contains("a&lt;b&amp;c"));
        assertEquals(true, MediaParser.getSnapshotUri(Version.MEDIA2, "t").contains("<tr2:ProfileToken>t</tr2:ProfileToken>"));
    }

    @Test
    void choosesTheLargestToRecordAndTheSmallestToDetect() {
        MediaProfile main = new MediaProfile("main", null, "H264", 1920, 1080);
        MediaProfile sub = new MediaProfile("sub", null, "h.264", 640, 360);
        MediaProfile third = new MediaProfile("third", null, "H265", 1280, 720);
        MediaProfile mjpeg = new MediaProfile("mjpeg", null, "JPEG", 320, 240);
        ProfileChoice c = ProfileChoice.pick(List.of(sub, mjpeg, main, third), null, "test");
        assertEquals(main, c.record());
        assertEquals(sub, c.detect());
        ProfileChoice wanted = ProfileChoice.pick(List.of(sub, main, third), "third", "test");
        assertEquals(third, wanted.record());
        assertEquals(sub, wanted.detect());
        ProfileChoice alone = ProfileChoice.pick(List.of(main), null, "test");
        assertEquals(main, alone.detect());
        assertEquals(OnvifFailure.UNSUPPORTED, assertThrows(OnvifException.class,
                () -> ProfileChoice.pick(List.of(mjpeg), null, "test")).failure());
        assertEquals(OnvifFailure.UNSUPPORTED, assertThrows(OnvifException.class,
                () -> ProfileChoice.pick(List.of(main), "nope", "test")).failure());
        assertEquals(OnvifFailure.UNSUPPORTED, assertThrows(OnvifException.class,
                () -> ProfileChoice.pick(List.of(main, mjpeg), "mjpeg", "test")).failure());
    }

    private static org.w3c.dom.Document parse(String xml) {
        return SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), "test");
    }
}
