package dev.vigil.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraNetworksTest {
    private static InetAddress ip(String literal) {
        return Cidr.literal(literal).orElseThrow();
    }

    /** A resolver with fixed answers: never asks DNS. */
    private static CameraNetworks.Resolver fixed(Map<String, List<String>> answers) {
        return host -> {
            List<String> a = answers.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return a.stream().map(CameraNetworksTest::ip).toList();
        };
    }

    @Test
    void cidrBlocksContainTheirAddressesOnly() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains(ip("10.255.1.2")));
        assertFalse(ten.contains(ip("11.0.0.0")));
        Cidr odd = Cidr.parse("172.16.0.0/12");
        assertTrue(odd.contains(ip("172.31.255.255")));
        assertFalse(odd.contains(ip("172.32.0.0")));
        assertTrue(Cidr.parse("fc00::/7").contains(ip("fd12:3456::1")));
        assertFalse(Cidr.parse("fc00::/7").contains(ip("fe00::1")));
        assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")), "IPv4 is never inside an IPv6 block");
        assertEquals("192.168.1.7/32", Cidr.parse(" 192.168.1.7 ").toString());
        assertTrue(Cidr.parse("10.1.0.0/16").within(ten));
        assertFalse(ten.within(Cidr.parse("10.1.0.0/16")));
    }

    @Test
    void badBlocksSayWhatIsWrong() {
        assertEquals("'10.0.0.1/8': 10.0.0.1/8 has host bits set; the block starts at 10.0.0.0/8",
                assertThrows(VigilException.class, () -> Cidr.parse("10.0.0.1/8")).getMessage());
        assertTrue(assertThrows(VigilException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage()
                .contains("within 0..32"));
        assertTrue(assertThrows(VigilException.class, () -> Cidr.parse("camera.local/24")).getMessage()
                .contains("not an IPv4 or IPv6 CIDR block"), "names are never looked up");
        assertThrows(VigilException.class, () -> Cidr.parse("010.0.0.0/8"), "no octal-looking octets");
        assertThrows(VigilException.class, () -> Cidr.parse("300.0.0.0/8"));
        assertThrows(VigilException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertEquals("[1]: 'nope' is not an IPv4 or IPv6 CIDR block",
                assertThrows(VigilException.class, () -> CameraNetworks.parse(List.of("10.0.0.0/8", "nope")))
                        .getMessage());
    }

    @Test
    void defaultsAdmitLoopbackAndPrivateRangesOnly() {
        CameraNetworks n = CameraNetworks.parse(CameraNetworks.DEFAULTS);
        for (String ok : List.of("127.0.0.1", "::1", "10.1.2.3", "172.20.0.5", "192.168.0.64", "fd00::5",
                "::ffff:10.0.0.9")) {
            assertTrue(n.permits(ip(ok)), ok);
        }
        for (String no : List.of("8.8.8.8", "172.32.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
                "255.255.255.255", "2001:db8::1", "fe80::1", "::")) {
            assertFalse(n.permits(ip(no)), no);
        }
    }

    @Test
    void linkLocalAndUnspecifiedNeedMoreThanEverything() {
        CameraNetworks everything = CameraNetworks.parse(List.of("0.0.0.0/0", "::/0"));
        assertTrue(everything.permits(ip("8.8.8.8")));
        assertFalse(everything.permits(ip("169.254.169.254")), "cloud metadata stays out");
        assertFalse(everything.permits(ip("fe80::1")));
        assertFalse(everything.permits(ip("0.1.2.3")));
        assertFalse(everything.permits(ip("239.1.1.1")));
        CameraNetworks zeroconf = CameraNetworks.parse(List.of("169.254.0.0/16"));
        assertTrue(zeroconf.permits(ip("169.254.10.20")), "cameras without DHCP, listed on purpose");
    }

    @Test
    void urlsAreCheckedByEveryAddressTheirHostHas() {
        CameraNetworks n = CameraNetworks.parse(List.of("10.0.0.0/8", "fd00::/8"));
        CameraNetworks.Resolver dns = fixed(Map.of("cam.yard", List.of("10.0.0.5", "10.0.0.6"),
                "split.yard", List.of("10.0.0.7", "203.0.113.9"), "empty.yard", List.of()));
        assertEquals(Optional.empty(), n.check("rtsp://10.0.0.5:554/main", dns));
        assertEquals(Optional.empty(), n.check("rtsps://[fd00::5]/main", dns));
        assertEquals(Optional.empty(), n.check("rtsp://cam.yard/main", dns));
        assertEquals(Optional.empty(), n.check("http://cam.yard/onvif/device_service", dns));
        assertEquals(Optional.of("host split.yard resolves to 203.0.113.9, outside api.cameraNetworks "
                + "(10.0.0.0/8, fd00:0:0:0:0:0:0:0/8)"), n.check("rtsp://split.yard/main", dns));
        assertEquals(Optional.of("host 192.168.1.1 is outside api.cameraNetworks (10.0.0.0/8, fd00:0:0:0:0:0:0:0/8)"),
                n.check("rtsp://192.168.1.1/x", dns));
        assertEquals(Optional.of("host nowhere.yard does not resolve"), n.check("rtsp://nowhere.yard/x", dns));
        assertEquals(Optional.of("host empty.yard does not resolve"), n.check("rtsp://empty.yard/x", dns));
        assertTrue(n.check("rtsp://[fe80::1%25eth0]/x", dns).orElseThrow().contains("scope"));
        assertEquals(Optional.of("the URL has no host"), n.check("rtsp:///x", dns));
    }
}
