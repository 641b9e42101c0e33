package dev.vigil.ingest.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapHttpClient;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONVIF client against the simulated device and against hostile HTTP servers, on loopback. */
class OnvifDeviceIT {
    private static final Credentials LOGIN = new Credentials("admin", "s3cret-pass");
    private static final String MAIN = "rtsp://127.0.0.1:8654/sim/cam-1";
    private static final String SUB = "rtsp://127.0.0.1:8654/sim/cam-2";

    private SoapHttpClient http;
    private HttpServer hostile;

    @BeforeEach
    void client() {
        http = SoapHttpClient.create(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        http.close();
        if (hostile != null) {
            hostile.stop(0);
        }
    }

    private OnvifDevice device(URI url, Credentials login) {
        return new OnvifDevice(new SoapClient(http, login, Clock.systemUTC()), url, AddressRewrite.Policy.AUTO);
    }

    @Test
    void inspectsAMedia2DeviceWithASkewedClockBehindNat() {
        // Quirks 43 and 44 together: the device names itself 192.168.68.111 and its clock is 3 hours ahead.
        SimulatedOnvifDevice.Options options = SimulatedOnvifDevice.Options.of(LOGIN, MAIN, SUB)
                .withClockOffset(Duration.ofHours(3)).withAdvertisedHost("192.168.68.111");
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(options, "127.0.0.1")) {
            DeviceReport r = device(sim.deviceService(), LOGIN).inspect();
            assertEquals("Vigil", r.device().manufacturer());
            assertEquals("SIM-0001", r.device().serial());
            assertTrue(r.clockOffset().compareTo(Duration.ofMinutes(179)) > 0, r.clockOffset().toString());
            assertEquals(2, r.profiles().size());
            DeviceReport.ProfileUris main = r.profiles().get(0);
            assertEquals(new MediaProfile("profile_main", "mainStream", "H264", 1920, 1080), main.profile());
            assertEquals(URI.create(MAIN), main.streamUri());
            assertEquals(URI.create("http://127.0.0.1:" + sim.port() + "/snapshot/profile_main.jpg"), main.snapshotUri());
            assertEquals(URI.create("http://127.0.0.1:" + sim.port() + "/onvif/media2_service"), r.services().media2());
            assertEquals(0, sim.refusedLogins());
        }
    }

    @Test
    void resolvesMainAndSubStreamsOnAMediaOnlyDevice() {
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(LOGIN, MAIN, SUB)
                .withMedia2(false), "127.0.0.1")) {
            StreamResolution s = device(sim.deviceService(), LOGIN).resolveStreams(null);
            assertEquals(URI.create(MAIN), s.recordUri());
            assertEquals(URI.create(SUB), s.detectUri());
            assertEquals(null, s.services().media2());
            StreamResolution wanted = device(sim.deviceService(), LOGIN).resolveStreams("subStream");
            assertEquals(URI.create(SUB), wanted.recordUri());
        }
    }

    @Test
    void httpDigestIsAnsweredWhenTheDeviceDemandsIt() {
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(LOGIN, MAIN, SUB)
                .withHttpDigest(true), "127.0.0.1")) {
            assertEquals("Simulated ONVIF camera", device(sim.deviceService(), LOGIN).deviceInformation().model());
        }
    }

    @Test
    void wrongPasswordAnsweredWith400NotAuthorizedIsUnauthorizedQuirk42() {
        try (SimulatedOnvifDevice sim = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(LOGIN, MAIN, SUB),
                "127.0.0.1")) {
            OnvifException e = assertThrows(OnvifException.class,
                    () -> device(sim.deviceService(), new Credentials("admin", "Not-The-Pa55")).inspect());
            assertEquals(OnvifFailure.UNAUTHORIZED, e.failure());
            assertEquals(ErrorKind.UNAUTHENTICATED, e.kind());
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
            assertFalse(e.getMessage().contains("Not-The-Pa55"), e.getMessage());
            assertEquals(OnvifFailure.UNAUTHORIZED, assertThrows(OnvifException.class,
                    () -> device(sim.deviceService(), null).inspect()).failure());
        }
    }

    @Test
    void unreachableDevice() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OnvifException e = assertThrows(OnvifException.class,
                () -> device(URI.create("http://127.0.0.1:" + port + "/onvif/device_service"), LOGIN).inspect());
        assertEquals(OnvifFailure.UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void webPageAndNotFoundAreNotOnvif() throws Exception {
        URI url = serve(404, "text/html", "<!DOCTYPE html><html><body>Not Found</body></html>");
        assertEquals(OnvifFailure.NOT_ONVIF, assertThrows(OnvifException.class, () -> device(url, LOGIN).inspect()).failure());
        hostile.stop(0);
        URI plain = serve(200, "application/xml", "<rss version=\"2.0\"><channel/></rss>");
        OnvifException e = assertThrows(OnvifException.class, () -> device(plain, LOGIN).inspect());
        assertEquals(OnvifFailure.NOT_ONVIF, e.failure());
        assertTrue(e.getMessage().contains("not a SOAP 1.2 envelope (root element {}rss)"), e.getMessage());
    }

    @Test
    void xxeAnswerIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "TOP-SECRET-MARKER");
        URI url = serve(200, "application/soap+xml", "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + "<t>&x;</t></s:Body></s:Envelope>");
        OnvifException e = assertThrows(OnvifException.class, () -> device(url, LOGIN).inspect());
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET-MARKER"), e.getMessage());
    }

    @Test
    void hugeAnswerIsRefusedWithoutReadingItAll() throws Exception {
        URI url = serve(200, "application/soap+xml", "<x>" + "a".repeat(SoapHttpClient.DEFAULT_MAX_ANSWER_BYTES) + "</x>");
        OnvifException e = assertThrows(OnvifException.class, () -> device(url, LOGIN).inspect());
        assertEquals(ErrorKind.RESOURCE_EXHAUSTED, e.kind());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void otherFaultsAreFaultsWithTheirReason() throws Exception {
        URI url = serve(500, "application/soap+xml", """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error">
                <s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>ter:ActionNotSupported</s:Value>
                </s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">Optional Action Not Implemented</s:Text></s:Reason>
                </s:Fault></s:Body></s:Envelope>""");
        OnvifDevice d = device(url, LOGIN);
        assertEquals(null, d.syncClock(), "a device that faults on GetSystemDateAndTime keeps offset zero");
        OnvifException e = assertThrows(OnvifException.class, d::deviceInformation);
        assertEquals(OnvifFailure.FAULT, e.failure());
        assertTrue(e.getMessage().contains("Optional Action Not Implemented (Receiver / ActionNotSupported)"),
                e.getMessage());
    }

    @Test
    void wrongNamespaceAnswerIsAProtocolError() throws Exception {
        URI url = serve(200, "application/soap+xml", """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
                <x:GetSystemDateAndTimeResponse xmlns:x="http://example.com/not-onvif"/></s:Body></s:Envelope>""");
        OnvifException e = assertThrows(OnvifException.class, () -> device(url, LOGIN).inspect());
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("got {http://example.com/not-onvif}GetSystemDateAndTimeResponse"),
                e.getMessage());
    }

    /** A server that answers every request with one fixed answer. */
    private URI serve(int status, String contentType, String body) throws Exception {
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        hostile.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (java.io.IOException ignored) {
                // the client may hang up on a huge answer
            }
        });
        hostile.start();
        return URI.create("http://127.0.0.1:" + hostile.getAddress().getPort() + "/onvif/device_service");
    }
}
