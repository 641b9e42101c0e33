package dev.vigil.analytics.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Reads the video of an MP4 (or any container whose H.264/H.265 samples are length-prefixed with
 * an {@code avcC}/{@code hvcC} record: MP4, MOV, Matroska) as the access units ingest would
 * deliver: NAL units without start codes, parameter sets from the record, key frames from the
 * sync-sample flags, presentation times on the 90 kHz clock, wall clock = {@code base} + pts.
 * For tests, benchmarks and re-analysis of recorded segments.
 *
 * <p>Ownership: each call opens and closes its own demuxer and packet; nothing is kept.
 */
public final class ContainerDemuxer {
    private ContainerDemuxer() {}

    /** Every video access unit of {@code file}, in decoding order, with wall clocks from the epoch. */
    public static List<AccessUnit> readAll(Path file, CameraId camera) {
        List<AccessUnit> units = new ArrayList<>();
        read(file, camera, Instant.EPOCH, units::add);
        return units;
    }

    /**
     * Hands each video access unit of {@code file} to {@code sink}, in decoding order.
     *
     * @throws VigilException {@code NOT_FOUND} when the file cannot be opened, {@code UNIMPLEMENTED}
     *     for a codec other than H.264/H.265 or Annex B samples, {@code INVALID_ARGUMENT} for a
     *     malformed configuration record or sample
     */
    public static void read(Path file, CameraId camera, Instant base, Consumer<AccessUnit> sink) {
        AVFormatContext in = new AVFormatContext(null);
        if (avformat_open_input(in, file.toString(), null, null) < 0) {
            throw new VigilException(ErrorKind.NOT_FOUND, "cannot open " + file + " with FFmpeg's demuxers");
        }
        AVPacket packet = av_packet_alloc();
        try {
            if (avformat_find_stream_info(in, (AVDictionary) null) < 0) {
                throw VigilException.invalid(file + ": FFmpeg found no stream information");
            }
            int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (index < 0) {
                throw VigilException.invalid(file + " has no video stream");
            }
            AVStream stream = in.streams(index);
            AVCodecParameters par = stream.codecpar();
            byte[] extradata = new byte[Math.max(par.extradata_size(), 0)];
            if (extradata.length > 0) {
                par.extradata().get(extradata);
            }
            Codec codec;
            if (par.codec_id() == AV_CODEC_ID_H264) {
                codec = Codec.H264;
            } else if (par.codec_id() == AV_CODEC_ID_HEVC) {
                codec = Codec.H265;
            } else {
                throw new VigilException(ErrorKind.UNIMPLEMENTED, file + ": video codec id " + par.codec_id()
                        + " is neither H.264 nor H.265");
            }
            if (extradata.length == 0 || extradata[0] != 1) {
                throw new VigilException(ErrorKind.UNIMPLEMENTED, file + ": only length-prefixed samples with an "
                        + "avcC/hvcC record are read (MP4, MOV, Matroska), not Annex B");
            }
            DecoderConfiguration config = codec == Codec.H264 ? DecoderConfiguration.avcC(extradata)
                    : DecoderConfiguration.hvcC(extradata);
            AVRational timeBase = stream.time_base();
            AVRational ticks90k = new AVRational().num(1).den(90_000);
            try {
                while (av_read_frame(in, packet) >= 0) {
                    try {
                        if (packet.stream_index() != index || packet.size() <= 0) {
                            continue;
                        }
                        byte[] sample = new byte[packet.size()];
                        packet.data().get(sample);
                        long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                        long pts = av_rescale_q(ts, timeBase, ticks90k);
                        sink.accept(new AccessUnit(camera, codec, config.split(sample), pts,
                                base.plusNanos(pts * 100_000 / 9), (packet.flags() & AV_PKT_FLAG_KEY) != 0,
                                config.parameterSets(), false));
                    } finally {
                        av_packet_unref(packet);
                    }
                }
            } finally {
                ticks90k.close();
            }
        } finally {
            av_packet_free(packet);
            avformat_close_input(in);
        }
    }
}
