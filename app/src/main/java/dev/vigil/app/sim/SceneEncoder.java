package dev.vigil.app.sim;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.h264.AnnexB;
import dev.vigil.ingest.h264.NalType;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Encodes a synthetic surveillance scene to H.264 once, for the simulated cameras: a textured
 * static background (sky gradient over a tiled pavement) and a bright ellipse, the "person",
 * walking across the frame from left to right once per loop.
 *
 * <p>Contract: {@link #encode()} is synchronous and single-threaded (one encoder thread, so it
 * leaves the other cores to the gateway); the result starts with an IDR picture, has one IDR
 * picture every {@code gopSeconds} (so a scene whose length is a multiple of the GOP loops
 * cleanly) and carries SPS and PPS in-band before every IDR, as most cameras do. No B-frames:
 * decoding order equals presentation order. The default 640x360, 10 fps, 10 s scene takes about
 * 150-250 ms once FFmpeg is loaded (the first use of FFmpeg in a process adds about 0.6 s).
 *
 * <p>{@code bitrateKbps} is a target only: libopenh264 cannot hold a bitrate without skipping
 * frames, and skipping would change the loop's frame count, so frame skipping stays off (it warns
 * about this on stderr) and this simple scene comes out well under the target.
 *
 * <p>Implementation note: the encoder is FFmpeg's {@code libopenh264} wrapper (the LGPL bytedeco
 * build has no x264); {@code libx264} and the native {@code h264} names are tried after it. Its
 * Annex B packets are split on start codes ({@link AnnexB}). Key frames are forced by setting
 * {@code pict_type = I} on the GOP boundary (libopenh264enc turns that into
 * {@code ForceIntraFrame}), in addition to {@code gop_size}.
 */
public final class SceneEncoder {
    private static final String[] ENCODERS = {"libopenh264", "libx264", "h264"};

    private final int width;
    private final int height;
    private final int fps;
    private final int seconds;
    private final int gopSeconds;
    private final int bitrateKbps;

    /**
     * @param width even, 32 to 3840
     * @param height even, 32 to 2160
     * @param fps 1 to 60
     * @param seconds length of the scene, 1 to 600
     * @param gopSeconds key-frame interval, 1 to {@code seconds}
     * @param bitrateKbps target bitrate, 50 to 50000
     */
    public SceneEncoder(int width, int height, int fps, int seconds, int gopSeconds, int bitrateKbps) {
        check("width", width, 32, 3840);
        check("height", height, 32, 2160);
        if (width % 2 != 0 || height % 2 != 0) {
            throw VigilException.invalid("simulator width and height must be even, was " + width + "x" + height);
        }
        check("fps", fps, 1, 60);
        check("seconds", seconds, 1, 600);
        check("gopSeconds", gopSeconds, 1, seconds);
        check("bitrateKbps", bitrateKbps, 50, 50_000);
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.seconds = seconds;
        this.gopSeconds = gopSeconds;
        this.bitrateKbps = bitrateKbps;
    }

    /** An encoder for the scene that {@code config} describes. */
    public static SceneEncoder of(SimulatorConfig config) {
        return new SceneEncoder(config.width(), config.height(), config.fps(), config.seconds(),
                config.gopSeconds(), config.bitrateKbps());
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw VigilException.invalid("simulator." + name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    /** Encodes the whole scene; throws {@link VigilException} (UNAVAILABLE) if no encoder works. */
    public EncodedScene encode() {
        long start = System.nanoTime();
        // libopenh264 warns at every open about its profile and rate control, which the scene does
        // not need; FFmpeg's log level is process-wide, so only errors are let through.
        av_log_set_level(AV_LOG_ERROR);
        int frameCount = fps * seconds;
        int gop = fps * gopSeconds;
        AVCodec codec = findEncoder();
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        AVDictionary options = new AVDictionary(null);
        try {
            ctx.width(width);
            ctx.height(height);
            ctx.pix_fmt(AV_PIX_FMT_YUV420P);
            ctx.time_base(av_make_q(1, fps));
            ctx.framerate(av_make_q(fps, 1));
            ctx.gop_size(gop);
            ctx.max_b_frames(0);
            ctx.bit_rate(bitrateKbps * 1000L);
            ctx.thread_count(1);
            av_dict_set(options, "allow_skip_frames", "0", 0); // libopenh264: never drop a frame
            av_dict_set(options, "preset", "veryfast", 0); // libx264, if that is what we got
            ok(avcodec_open2(ctx, codec, options), "open encoder " + codec.name().getString());

            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(width);
            frame.height(height);
            ok(av_frame_get_buffer(frame, 0), "allocate frame");

            Scene scene = new Scene(width, height);
            List<EncodedFrame> frames = new ArrayList<>(frameCount);
            for (int i = 0; i < frameCount; i++) {
                ok(av_frame_make_writable(frame), "make frame writable");
                scene.draw(frame, (double) i / frameCount);
                frame.pts(i);
                frame.pict_type(i % gop == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                ok(avcodec_send_frame(ctx, frame), "send frame " + i);
                drain(ctx, packet, frames);
            }
            ok(avcodec_send_frame(ctx, null), "flush encoder");
            drain(ctx, packet, frames);
            return toScene(frames, System.nanoTime() - start);
        } finally {
            av_dict_free(options);
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(ctx);
        }
    }

    private static AVCodec findEncoder() {
        for (String name : ENCODERS) {
            AVCodec codec = avcodec_find_encoder_by_name(name);
            if (codec != null && !codec.isNull()) {
                return codec;
            }
        }
        throw new VigilException(ErrorKind.UNAVAILABLE, "no H.264 encoder in this FFmpeg build (tried "
                + String.join(", ", ENCODERS) + ")");
    }

    private static void drain(AVCodecContext ctx, AVPacket packet, List<EncodedFrame> frames) {
        while (true) {
            int rc = avcodec_receive_packet(ctx, packet);
            if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF) {
                return;
            }
            ok(rc, "receive packet");
            try {
                byte[] annexB = new byte[packet.size()];
                packet.data().get(annexB);
                List<byte[]> nals = AnnexB.split(annexB);
                boolean idr = nals.stream().anyMatch(n -> NalType.of(n[0]) == NalType.IDR_SLICE);
                boolean key = idr || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                frames.add(new EncodedFrame(nals, key, packet.pts()));
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private EncodedScene toScene(List<EncodedFrame> frames, long nanos) {
        byte[] sps = null;
        byte[] pps = null;
        for (EncodedFrame f : frames) {
            for (byte[] nal : f.nalUnits()) {
                int type = NalType.of(nal[0]);
                if (type == NalType.SPS && sps == null) {
                    sps = nal;
                } else if (type == NalType.PPS && pps == null) {
                    pps = nal;
                }
            }
        }
        if (sps == null || pps == null) {
            throw new VigilException(ErrorKind.INTERNAL, "the encoder produced no in-band SPS/PPS");
        }
        return new EncodedScene(width, height, fps, sps, pps, frames, nanos);
    }

    private static void ok(int rc, String what) {
        if (rc < 0) {
            byte[] buf = new byte[256];
            av_strerror(rc, buf, buf.length);
            String msg = new String(buf, java.nio.charset.StandardCharsets.US_ASCII).trim();
            throw new VigilException(ErrorKind.INTERNAL, "FFmpeg failed to " + what + ": " + rc + " "
                    + msg.replace("\0", ""));
        }
    }

    /** The picture content: background planes computed once, the walker drawn per frame. */
    private static final class Scene {
        private final int width;
        private final int height;
        private final byte[] backgroundY;
        private final byte[] backgroundU;
        private final byte[] backgroundV;
        private final byte[] y;
        private final byte[] u;
        private final byte[] v;

        Scene(int width, int height) {
            this.width = width;
            this.height = height;
            int cw = width / 2;
            int ch = height / 2;
            backgroundY = new byte[width * height];
            backgroundU = new byte[cw * ch];
            backgroundV = new byte[cw * ch];
            int horizon = height * 2 / 5;
            int tile = Math.max(8, width / 20);
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int luma;
                    if (row < horizon) {
                        luma = 90 + 60 * row / horizon; // sky gradient
                    } else {
                        boolean dark = ((col / tile) + ((row - horizon) / tile)) % 2 == 0;
                        luma = (dark ? 60 : 85) + (int) (10 * Math.sin(col * 0.21) * Math.cos(row * 0.17));
                    }
                    backgroundY[row * width + col] = (byte) luma;
                }
            }
            for (int row = 0; row < ch; row++) {
                for (int col = 0; col < cw; col++) {
                    boolean sky = row * 2 < horizon;
                    backgroundU[row * cw + col] = (byte) (sky ? 150 : 120);
                    backgroundV[row * cw + col] = (byte) (sky ? 115 : 132);
                }
            }
            y = new byte[backgroundY.length];
            u = new byte[backgroundU.length];
            v = new byte[backgroundV.length];
        }

        /** Draws the scene at {@code progress} (0 to 1 over the loop) into {@code frame}. */
        void draw(AVFrame frame, double progress) {
            System.arraycopy(backgroundY, 0, y, 0, y.length);
            System.arraycopy(backgroundU, 0, u, 0, u.length);
            System.arraycopy(backgroundV, 0, v, 0, v.length);
            int ry = height / 6; // half height of the walker
            int rx = Math.max(4, height / 16);
            int cx = (int) Math.round(-rx + progress * (width + 2 * rx));
            int cy = height * 3 / 5;
            for (int row = Math.max(0, cy - ry); row < Math.min(height, cy + ry); row++) {
                double dy = (double) (row - cy) / ry;
                int half = (int) (rx * Math.sqrt(Math.max(0, 1 - dy * dy)));
                for (int col = Math.max(0, cx - half); col < Math.min(width, cx + half); col++) {
                    y[row * width + col] = (byte) 235;
                    if ((row & 1) == 0 && (col & 1) == 0) {
                        int c = (row / 2) * (width / 2) + col / 2;
                        u[c] = (byte) 100;
                        v[c] = (byte) 190;
                    }
                }
            }
            copyPlane(frame, 0, y, width, height);
            copyPlane(frame, 1, u, width / 2, height / 2);
            copyPlane(frame, 2, v, width / 2, height / 2);
        }

        private static void copyPlane(AVFrame frame, int plane, byte[] src, int w, int h) {
            BytePointer dst = frame.data(plane);
            int stride = frame.linesize(plane);
            if (stride == w) {
                dst.position(0).put(src, 0, w * h);
                return;
            }
            for (int row = 0; row < h; row++) {
                dst.position((long) row * stride).put(src, row * w, w);
            }
            dst.position(0);
        }
    }
}
