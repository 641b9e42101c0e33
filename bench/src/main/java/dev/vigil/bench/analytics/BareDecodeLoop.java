package dev.vigil.bench.analytics;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The least any Java caller of bytedeco's libavcodec 8.0.1 can do: one thread, Annex B packets
 * prepared before timing, send and receive, nothing done with the pictures. It separates what
 * Vigil's decoder adds from what differs between bytedeco's FFmpeg and Debian's ffmpeg 5.1.
 */
final class BareDecodeLoop {
    private BareDecodeLoop() {}

    /** Annex B packets (parameter sets prepended to key frames) of {@code units}. */
    static byte[][] packets(List<AccessUnit> units) {
        byte[][] out = new byte[units.size()][];
        for (int i = 0; i < out.length; i++) {
            AccessUnit u = units.get(i);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                if (u.keyframe()) {
                    for (byte[] ps : u.parameterSets().vps() == null
                            ? List.of(u.parameterSets().sps(), u.parameterSets().pps())
                            : List.of(u.parameterSets().vps(), u.parameterSets().sps(), u.parameterSets().pps())) {
                        b.write(new byte[] {0, 0, 0, 1});
                        b.write(ps);
                    }
                }
                u.writeAnnexB(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out[i] = b.toByteArray();
        }
        return out;
    }

    /** Decodes {@code packets} {@code passes} times; returns the pictures that came out. */
    static long decode(Codec codec, byte[][] packets, int passes) {
        AVCodec decoder = avcodec_find_decoder(codec == Codec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        AVCodecContext c = avcodec_alloc_context3(decoder);
        c.thread_count(1);
        if (avcodec_open2(c, decoder, (AVDictionary) null) < 0) {
            throw new IllegalStateException("cannot open the " + codec + " decoder");
        }
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        long frames = 0;
        long pts = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (byte[] p : packets) {
                av_new_packet(pkt, p.length);
                pkt.data().put(p, 0, p.length);
                pkt.pts(pts);
                pkt.dts(pts);
                pts += 3600;
                avcodec_send_packet(c, pkt);
                av_packet_unref(pkt);
                while (avcodec_receive_frame(c, frame) >= 0) {
                    frames++;
                    av_frame_unref(frame);
                }
            }
        }
        av_packet_free(pkt);
        av_frame_free(frame);
        avcodec_free_context(c);
        return frames;
    }
}
