package dev.vigil.bench.storage;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stream copy of real H.264 pictures into fragmented MP4 on {@code /dev/null}: Vigil's Java
 * {@link Fmp4SegmentWriter} against FFmpeg's {@code mp4} muxer through bytedeco with
 * {@code movflags=frag_keyframe+empty_moov+default_base_moof} (the way a JavaCV recorder would
 * mux). One operation muxes every picture of {@code ../shared/media/vtest-h264.mp4} (768x576,
 * 10 fps, real surveillance footage), demuxed once at setup. Both sides get the pictures as
 * they would from the gateway (NAL units on the Java heap); FFmpeg's side copies each into an
 * AVPacket, as any Java caller must.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar Fmp4MuxBenchmark -prof gc
 * -jvmArgsAppend -Dvigil.shared.dir=/path/to/shared}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Fmp4MuxBenchmark {
    private static final CameraId CAMERA = CameraId.of("bench");

    private final List<AccessUnit> units = new ArrayList<>();
    /** The same pictures in MP4 form (4-byte lengths), for FFmpeg. */
    private final List<byte[]> avcc = new ArrayList<>();
    private byte[] extradata;
    private int width;
    private int height;
    /** Pictures per operation. */
    public int pictures;

    @Setup
    public void demux() throws IOException {
        Path file = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "media", "vtest-h264.mp4");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: pass -Dvigil.shared.dir=PATH/TO/shared");
        }
        AVFormatContext in = new AVFormatContext(null);
        check(avformat_open_input(in, file.toString(), null, null), "open " + file);
        check(avformat_find_stream_info(in, (AVDictionary) null), "stream info");
        AVCodecParameters par = in.streams(0).codecpar();
        width = par.width();
        height = par.height();
        extradata = new byte[par.extradata_size()];
        par.extradata().get(extradata);
        ParameterSets sets = fromAvcC(extradata);
        AVPacket pkt = av_packet_alloc();
        long pts = 0;
        while (av_read_frame(in, pkt) >= 0) {
            if (pkt.stream_index() == 0) {
                byte[] data = new byte[pkt.size()];
                pkt.data().get(data);
                avcc.add(data);
                List<byte[]> nals = new ArrayList<>();
                for (int p = 0; p + 4 <= data.length; ) {
                    int len = ((data[p] & 0xff) << 24) | ((data[p + 1] & 0xff) << 16) | ((data[p + 2] & 0xff) << 8)
                            | (data[p + 3] & 0xff);
                    byte[] nal = new byte[len];
                    System.arraycopy(data, p + 4, nal, 0, len);
                    nals.add(nal);
                    p += 4 + len;
                }
                boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                units.add(new AccessUnit(CAMERA, Codec.H264, nals, pts, Instant.EPOCH.plusMillis(pts / 90), key, sets,
                        false));
                pts += 9000;
            }
            av_packet_unref(pkt);
        }
        av_packet_free(pkt);
        avformat_close_input(in);
        pictures = units.size();
    }

    @Benchmark
    public long javaWriter() throws IOException {
        try (OutputStream out = new FileOutputStream("/dev/null")) {
            Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, units.get(0).parameterSets(), FragmentPolicy.DEFAULT);
            for (AccessUnit u : units) {
                writer.write(u);
            }
            return writer.finish().bytesWritten();
        }
    }

    /**
     * SHA-256 of the pictures alone: the Java writer hashes its output while writing (evidence
     * integrity); an FFmpeg-based recorder would need this pass on top of {@link #ffmpegMuxer}.
     */
    @Benchmark
    public byte[] sha256Only() throws java.security.NoSuchAlgorithmException {
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        for (byte[] b : avcc) {
            d.update(b);
        }
        return d.digest();
    }

    @Benchmark
    public long ffmpegMuxer() {
        AVFormatContext out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, null, "mp4", "/dev/null"), "mp4 muxer");
        AVStream st = avformat_new_stream(out, null);
        AVCodecParameters par = st.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(AV_CODEC_ID_H264);
        par.width(width);
        par.height(height);
        BytePointer extra = new BytePointer(av_malloc(extradata.length + 64)).capacity(extradata.length + 64);
        extra.put(extradata);
        par.extradata(extra);
        par.extradata_size(extradata.length);
        st.time_base(new AVRational().num(1).den(90_000));
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, "/dev/null", AVIO_FLAG_WRITE), "open /dev/null");
        out.pb(pb);
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
        check(avformat_write_header(out, opts), "header");
        av_dict_free(opts);
        AVPacket pkt = av_packet_alloc();
        long pts = 0;
        for (int i = 0; i < avcc.size(); i++) {
            byte[] data = avcc.get(i);
            check(av_new_packet(pkt, data.length), "packet");
            pkt.data().put(data);
            pkt.pts(pts);
            pkt.dts(pts);
            pkt.duration(9000);
            pkt.stream_index(0);
            pkt.flags(units.get(i).keyframe() ? AV_PKT_FLAG_KEY : 0);
            check(av_interleaved_write_frame(out, pkt), "write");
            pts += 9000;
        }
        check(av_write_trailer(out), "trailer");
        av_packet_free(pkt);
        long written = out.pb().pos();
        avio_closep(out.pb());
        avformat_free_context(out);
        return written;
    }

    /** SPS and PPS out of an {@code avcC} record (ISO/IEC 14496-15 clause 5.3.3.1). */
    private static ParameterSets fromAvcC(byte[] c) {
        int p = 5;
        int spsCount = c[p++] & 0x1f;
        byte[] sps = null;
        for (int i = 0; i < spsCount; i++) {
            int len = ((c[p] & 0xff) << 8) | (c[p + 1] & 0xff);
            sps = java.util.Arrays.copyOfRange(c, p + 2, p + 2 + len);
            p += 2 + len;
        }
        int ppsCount = c[p++] & 0xff;
        byte[] pps = null;
        for (int i = 0; i < ppsCount; i++) {
            int len = ((c[p] & 0xff) << 8) | (c[p + 1] & 0xff);
            pps = java.util.Arrays.copyOfRange(c, p + 2, p + 2 + len);
            p += 2 + len;
        }
        return new ParameterSets(Codec.H264, null, sps, pps);
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            throw new IllegalStateException(what + " failed: " + ret);
        }
    }

    static {
        Pointer.maxBytes(); // loads javacpp early so a missing native library fails at setup
    }
}
