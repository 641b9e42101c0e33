package dev.vigil.ingest.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.sim.SimulatedDiscoveryResponder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WS-Discovery against simulated responders on loopback: the directed probe always, multicast where the host loops it. */
class WsDiscoveryIT {
    private static final List<URI> XADDRS = List.of(URI.create("http://127.0.0.1:8080/onvif/device_service"));
    private static final List<String> SCOPES = List.of("onvif://www.onvif.org/name/Yard%20Gate",
            "onvif://www.onvif.org/location/north", "onvif://www.onvif.org/hardware/SIM-1");

    @Test
    void directedProbeFindsTheDeviceOnceAndIgnoresOtherTraffic() throws Exception {
        try (SimulatedDiscoveryResponder responder = SimulatedDiscoveryResponder.unicast("127.0.0.1", XADDRS, SCOPES);
                DatagramSocket noise = new DatagramSocket()) {
            byte[] junk = "<not-a-probe/>".getBytes(StandardCharsets.UTF_8);
            noise.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), responder.port()));
            DiscoveryResult r = new WsDiscoveryClient(Duration.ofMillis(800), null)
                    .probe(new InetSocketAddress("127.0.0.1", responder.port()));
            assertEquals(1, r.devices().size(), r.toString()); // probed twice, answered twice, merged
            DiscoveredDevice d = r.devices().get(0);
            assertEquals(responder.endpoint(), d.endpoint());
            assertEquals(XADDRS, d.xaddrs());
            assertEquals("Yard Gate", d.name());
            assertEquals("north", d.location());
            assertEquals("SIM-1", d.hardware());
            assertTrue(responder.probes() >= 1);
        }
    }

    @Test
    void nobodyThereFindsNothing() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DiscoveryResult r = new WsDiscoveryClient(Duration.ofMillis(300), null).probe(new InetSocketAddress("127.0.0.1", port));
        assertEquals(List.of(), r.devices());
    }

    @Test
    void multicastProbeOnLoopback() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        assumeTrue(lo != null, "no loopback interface found; skipping the multicast test");
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        SimulatedDiscoveryResponder responder;
        try {
            responder = SimulatedDiscoveryResponder.multicast(port, lo, XADDRS, SCOPES);
        } catch (VigilException e) {
            assumeTrue(false, "cannot join " + ProbeMessages.MULTICAST_GROUP + " on " + lo.getName()
                    + "; skipping the multicast test: " + e.getMessage());
            return;
        }
        try (responder; MulticastSocket sender = new MulticastSocket()) {
            sender.setNetworkInterface(lo);
            byte[] ping = "<ping/>".getBytes(StandardCharsets.UTF_8);
            InetAddress group = InetAddress.getByName(ProbeMessages.MULTICAST_GROUP);
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (responder.ignored() == 0 && System.nanoTime() < end) {
                sender.send(new DatagramPacket(ping, ping.length, group, port));
                Thread.sleep(100);
            }
            assumeTrue(responder.ignored() > 0, "multicast is not looped back on " + lo.getName()
                    + " on this host; skipping the multicast test");
            DiscoveryResult r = new WsDiscoveryClient(Duration.ofMillis(800), lo).probe(new InetSocketAddress(group, port));
            assertEquals(1, r.devices().size(), r.toString());
            assertEquals(responder.endpoint(), r.devices().get(0).endpoint());
        }
    }
}
