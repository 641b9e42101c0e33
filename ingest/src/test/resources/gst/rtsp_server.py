#!/usr/bin/python3
"""GStreamer's gst-rtsp-server as a peer for Vigil's integration tests (not Vigil code).

Serves one stream at rtsp://127.0.0.1:PORT/test, either a live test pattern encoded with x264/x265
or a real MP4 file (its H.264/H.265 track re-payloaded, no transcoding). Prints "READY <port>" on
stdout once it listens, then runs until killed.

Run with Debian's python3 (packages python3-gi gir1.2-gst-rtsp-server-1.0 and the GStreamer plugins).
"""
import argparse
import os
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def pipeline(args):
    pay = "rtph264pay" if args.codec == "h264" else "rtph265pay"
    parse = "h264parse" if args.codec == "h264" else "h265parse"
    if args.source == "testsrc":
        if args.codec == "h264":
            enc = f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.gop} bitrate={args.kbps}"
        else:
            enc = f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={args.gop} bitrate={args.kbps}"
        src = (f"videotestsrc is-live=true pattern=ball ! "
               f"video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 ! {enc} ! {parse}")
    else:
        src = f"filesrc location={args.source} ! qtdemux ! {parse}"
    return f"( {src} ! {pay} name=pay0 pt=96 config-interval={args.config_interval} )"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", default="0")
    p.add_argument("--codec", choices=["h264", "h265"], default="h264")
    p.add_argument("--source", default="testsrc", help="testsrc or an MP4 file")
    p.add_argument("--protocols", choices=["tcp", "udp", "any"], default="any")
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=360)
    p.add_argument("--fps", type=int, default=25)
    p.add_argument("--gop", type=int, default=50)
    p.add_argument("--kbps", type=int, default=1000)
    p.add_argument("--config-interval", type=int, default=-1, help="-1: SPS/PPS before every IDR; 0: SDP only")
    p.add_argument("--user")
    p.add_argument("--password-env", help="environment variable holding the password (Digest auth)")
    args = p.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(args.port)

    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline(args))
    factory.set_shared(True)
    protocols = {
        "tcp": GstRtsp.RTSPLowerTrans.TCP,
        "udp": GstRtsp.RTSPLowerTrans.UDP,
        "any": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
    }[args.protocols]
    factory.set_protocols(protocols)

    if args.user:
        password = os.environ.get(args.password_env or "", "")
        auth = GstRtspServer.RTSPAuth()
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        auth.add_digest(args.user, password, token)
        server.set_auth(auth)
        role = Gst.Structure.from_string(
            "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0]
        factory.add_role_from_structure(role)

    server.get_mount_points().add_factory("/test", factory)
    if server.attach(None) == 0:
        print("FAILED to listen", flush=True)
        sys.exit(1)
    print(f"READY {server.get_bound_port()}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
