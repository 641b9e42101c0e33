package dev.vigil.ingest.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.h264.H264Format;
import dev.vigil.ingest.rtp.RtpPacket;
import dev.vigil.ingest.rtsp.RtspHeaders;
import dev.vigil.ingest.rtsp.RtspParser;
import dev.vigil.ingest.rtsp.RtspRequest;
import dev.vigil.ingest.rtsp.RtspResponse;
import dev.vigil.ingest.rtsp.SessionHeader;
import dev.vigil.ingest.rtsp.TransportHeader;
import dev.vigil.ingest.sdp.SdpParser;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated camera server seen by a bare client (java.net sockets and our pure parsers): the
 * RTSP dialogue, UDP unicast delivery, and continuity of timestamps and sequence numbers across
 * loops of the stream.
 */
class SimulatedCameraServerIT {
    private int cseq;

    private RtspResponse exchange(Socket socket, String method, String uri, String... headers) throws IOException {
        RtspHeaders h = RtspHeaders.of("CSeq", Integer.toString(++cseq));
        for (int i = 0; i < headers.length; i += 2) {
            h = h.with(headers[i], headers[i + 1]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(new RtspRequest(method, uri, h, null).encode());
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in a response head");
            }
            head.write(b);
        }
        RtspResponse r = (RtspResponse) RtspParser.parseHead(head.toString(StandardCharsets.ISO_8859_1));
        byte[] body = in.readNBytes(RtspParser.contentLength(r.headers(), 1 << 20));
        assertEquals(cseq, r.headers().cseq());
        return r.withBody(body);
    }

    @Test
    void udpUnicastAcrossLoopsWithContinuousTimestampsAndSequence() throws Exception {
        SimulatedStream stream = SyntheticStreams.of(10, 25, 5); // a 0.4 s loop
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 3, "127.0.0.1", 0);
                Socket socket = new Socket("127.0.0.1", server.port());
                DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertEquals(3, server.urls().size());
            String url = server.urls().get(2);
            assertTrue(url.endsWith("/sim/cam-3"), url);

            RtspResponse options = exchange(socket, "OPTIONS", url);
            assertTrue(options.headers().get("Public").contains("GET_PARAMETER"));
            assertEquals(404, exchange(socket, "DESCRIBE", url.replace("cam-3", "cam-4")).status());

            RtspResponse describe = exchange(socket, "DESCRIBE", url, "Accept", "application/sdp");
            assertEquals(200, describe.status());
            assertEquals(url + "/", describe.headers().get("Content-Base"));
            var video = SdpParser.parse(describe.bodyText()).firstVideo("H264").orElseThrow();
            H264Format format = H264Format.of(video).orElseThrow();
            assertEquals(1, format.packetizationMode());
            assertArrayEquals(stream.sps(), format.parameterSets().sps());
            assertEquals(0x42c01e, format.profileLevelId());

            int port = rtp.getLocalPort();
            RtspResponse setup = exchange(socket, "SETUP", url + "/" + video.control(), "Transport",
                    "RTP/AVP;unicast;client_port=" + port + "-" + (port + 1));
            assertEquals(200, setup.status());
            TransportHeader transport = TransportHeader.parse(setup.headers().get("Transport"));
            assertEquals(port, transport.clientPorts()[0]);
            assertTrue(transport.serverPorts()[1] == transport.serverPorts()[0] + 1);
            String session = SessionHeader.parse(setup.headers().get("Session")).id();

            RtspResponse play = exchange(socket, "PLAY", url + "/", "Session", session);
            assertEquals(200, play.status());
            assertTrue(play.headers().get("RTP-Info").contains("seq="));

            VideoDepacketizer depacketizer = new VideoDepacketizer(CameraId.of("c3"), dev.vigil.core.model.Codec.H264, VideoDepacketizer.Limits.defaults());
            List<AccessUnit> units = new ArrayList<>();
            rtp.setSoTimeout(200);
            byte[] buf = new byte[2048];
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    rtp.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                RtpPacket packet = RtpPacket.parse(Unpooled.wrappedBuffer(buf, 0, p.getLength()));
                assertEquals(transport.ssrc(), packet.ssrc());
                depacketizer.push(packet, Instant.now());
                for (AccessUnit u = depacketizer.pull(); u != null; u = depacketizer.pull()) {
                    units.add(u);
                }
            }
            assertEquals(200, exchange(socket, "TEARDOWN", url + "/", "Session", session).status());

            assertTrue(units.size() >= 30 && units.size() <= 40, "about 25 fps for 1.5 s: " + units.size());
            assertEquals(0, depacketizer.lostPackets(), "sequence numbers continue across loops");
            assertTrue(units.get(0).keyframe(), "PLAY starts at the top of the loop");
            for (int k = 0; k < units.size(); k++) {
                byte[][] served = stream.frames().get(k % stream.frames().size());
                assertEquals(served.length, units.get(k).nalUnits().size());
                assertArrayEquals(served[served.length - 1], units.get(k).nalUnits().get(served.length - 1));
                if (k > 0) {
                    assertEquals(3600, units.get(k).pts90k() - units.get(k - 1).pts90k(), "timestamp step at " + k);
                }
            }
        }
    }

    @Test
    void udpSetupWithoutClientPortIsRefused() throws Exception {
        try (SimulatedCameraServer server = SimulatedCameraServer.start(SyntheticStreams.of(5, 5, 5), 1, "127.0.0.1", 0);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            assertEquals(461, exchange(socket, "SETUP", server.urls().get(0) + "/trackID=0", "Transport",
                    "RTP/AVP;multicast").status());
            assertEquals(454, exchange(socket, "PLAY", server.urls().get(0) + "/", "Session", "nope").status());
        }
    }
}
