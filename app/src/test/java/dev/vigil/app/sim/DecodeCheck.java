package dev.vigil.app.sim;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import java.util.List;

/** Decodes Annex B H.264 with FFmpeg's native decoder and counts the pictures (tests only). */
final class DecodeCheck {
    private DecodeCheck() {}

    /**
     * Decodes pictures given as Annex B chunks (one access unit each, as written to the file under
     * test) and returns how many pictures came out, flush included.
     */
    static int countDecodedFrames(List<byte[]> accessUnits) {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_H264);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
                throw new IllegalStateException("cannot open the H.264 decoder");
            }
            int frames = 0;
            for (byte[] au : accessUnits) {
                BytePointer data = new BytePointer(au.length + AV_INPUT_BUFFER_PADDING_SIZE);
                try {
                    data.put(au, 0, au.length);
                    data.position(au.length).fill(0).position(0);
                    packet.data(data);
                    packet.size(au.length);
                    frames += decode(ctx, packet, frame);
                } finally {
                    packet.data(null);
                    packet.size(0);
                    data.deallocate();
                }
            }
            avcodec_send_packet(ctx, null);
            while (avcodec_receive_frame(ctx, frame) >= 0) {
                frames++;
            }
            return frames;
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(ctx);
        }
    }

    private static int decode(AVCodecContext ctx, AVPacket packet, AVFrame frame) {
        int n = 0;
        if (avcodec_send_packet(ctx, packet) < 0) {
            return 0;
        }
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            n++;
        }
        return n;
    }
}
