package dev.vigil.analytics.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy_props;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import dev.vigil.analytics.frame.BgrImage;
import dev.vigil.analytics.frame.ColourSource;
import dev.vigil.analytics.frame.FrameConsumer;
import dev.vigil.analytics.frame.GreyFrame;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.HwAccel;
import dev.vigil.core.model.ParameterSets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * One camera's FFmpeg decoder: access units in, sampled {@link GreyFrame}s out to a
 * {@link FrameConsumer}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Feed: the camera's access units in decoding order; in {@code KEYFRAMES} mode non-key
 *       units are skipped without touching the decoder, in {@code OFF} mode everything is.
 *   <li>Start and recovery: nothing is decoded before the first key frame, nor after a corrupt
 *       unit, a unit flagged {@code discontinuity} or a decoder (re)open until the next key frame;
 *       those units are counted as {@link DropReason#AWAITING_KEYFRAME}. A unit is corrupt when
 *       FFmpeg rejects it or returns a picture it flags corrupt or concealed; it is counted as
 *       {@link DropReason#CORRUPT} and its picture is not delivered. Bad data is counted, never
 *       thrown.
 *   <li>Parameter sets: the decoder opens with the unit's {@link ParameterSets} as Annex B
 *       extradata (see {@link AnnexB} for why), and reopens when a unit carries other parameter
 *       sets or another codec (resolution change, camera reconfigured, H.264 to H.265).
 *   <li>Output: every decoded picture counts as decoded; those the {@link FrameSampler} picks
 *       (at most {@code fps} per second) are scaled to the analysis width and delivered on the
 *       calling thread. {@link GreyFrame#colour()} converts from the decoded picture, which stays
 *       referenced only until {@code onFrame} returns.
 *   <li>Threading: not thread-safe; one thread at a time (the pool serialises each camera).
 *       FFmpeg runs with one thread per decoder: parallelism comes from decoding many cameras.
 *   <li>Ownership: this object owns its codec context, packet, frame and {@link PictureScaler};
 *       {@link #close()} frees them (idempotent). It borrows the access units: their arrays are
 *       copied into the packet, never kept. Hardware decoding is not used.
 * </ul>
 */
public final class CameraDecoder implements AutoCloseable {
    private enum State { AWAITING_KEYFRAME, DECODING, CLOSED }

    /** What became of one access unit. */
    public enum Outcome {
        /** Sent to the decoder (zero or more pictures came out). */
        DECODED,
        /** Not for this mode (a non-key unit in {@code KEYFRAMES} mode, anything in {@code OFF}). */
        SKIPPED,
        /** Dropped while waiting for a key frame. */
        AWAITING_KEYFRAME,
        /** The decoder could not use it; dropping until the next key frame. */
        CORRUPT
    }

    /** {@code AVERROR(EAGAIN)} on Linux. */
    private static final int AVERROR_EAGAIN = -11;
    /** {@code AV_FRAME_FLAG_CORRUPT} and {@code AV_FRAME_FLAG_KEY} (libavutil/frame.h, FFmpeg 6.1+). */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;
    private static final int AV_FRAME_FLAG_KEY = 1 << 1;

    private final CameraId camera;
    private final DecoderSettings settings;
    private final DecodeListener listener;
    private final LongSupplier nanoTime;
    private final FrameSampler sampler;
    private final WallClocks wallClocks = new WallClocks(64);
    private final PictureScaler scaler = new PictureScaler();
    private final AVPacket packet;
    private final AVFrame frame;
    /** Where a hardware picture is copied to system memory; unused in software decoding. */
    private final AVFrame transfer;
    private boolean hardwareFallbackReported;
    private AVCodecContext context;
    private Codec codec;
    private ParameterSets parameterSets;
    private State state = State.AWAITING_KEYFRAME;
    private byte[] scratch = new byte[64 * 1024];
    /** Frames that came out of the current send, and whether one was corrupt. */
    private int framesOut;
    private boolean corruptOut;
    private long rejectedPts = Long.MIN_VALUE;
    private long consumerNanos;

    /**
     * A decoder for {@code camera}. Natives are allocated here; the codec opens on the first unit.
     *
     * @param nanoTime the clock that times decoding and the consumer ({@code System::nanoTime})
     */
    public CameraDecoder(CameraId camera, DecoderSettings settings, DecodeListener listener, LongSupplier nanoTime) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sampler = new FrameSampler(settings.fps());
        AVPacket p = av_packet_alloc();
        AVFrame f = av_frame_alloc();
        AVFrame t = av_frame_alloc();
        if (p == null || f == null || t == null) {
            av_packet_free(p);
            av_frame_free(f);
            av_frame_free(t);
            scaler.close();
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + camera + ": cannot allocate a packet");
        }
        this.packet = p;
        this.frame = f;
        this.transfer = t;
    }

    /** A decoder with no listener and the system clock. */
    public CameraDecoder(CameraId camera, DecoderSettings settings) {
        this(camera, settings, DecodeListener.NONE, System::nanoTime);
    }

    public CameraId camera() {
        return camera;
    }

    public DecoderSettings settings() {
        return settings;
    }

    /**
     * Decodes {@code unit} and delivers the sampled pictures to {@code consumer} before returning.
     *
     * @throws VigilException {@code INVALID_ARGUMENT} for another camera's unit,
     *     {@code FAILED_PRECONDITION} after {@link #close()}, {@code UNIMPLEMENTED} when FFmpeg has
     *     no decoder for the codec, {@code RESOURCE_EXHAUSTED} when native memory runs out
     */
    public Outcome decode(AccessUnit unit, FrameConsumer consumer) {
        if (state == State.CLOSED) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera + ": decoder is closed");
        }
        if (!unit.camera().equals(camera)) {
            throw VigilException.invalid("decoder of camera " + camera + " got a unit of camera " + unit.camera());
        }
        if (settings.mode() == AnalyticsMode.OFF || settings.mode() == AnalyticsMode.KEYFRAMES && !unit.keyframe()) {
            return Outcome.SKIPPED;
        }
        long start = nanoTime.getAsLong();
        ParameterSets sets = unit.parameterSets();
        boolean changed = unit.codec() != codec || sets != null && sets != parameterSets && !sets.equals(parameterSets);
        if (changed || context == null && unit.keyframe()) {
            open(unit.codec(), sets);
            if (context == null) {
                listener.dropped(camera, DropReason.CORRUPT, 1);
                return Outcome.CORRUPT;
            }
        }
        if (unit.discontinuity() || context == null) {
            state = State.AWAITING_KEYFRAME;
        }
        if (state == State.AWAITING_KEYFRAME) {
            if (!unit.keyframe() || context == null) {
                listener.dropped(camera, DropReason.AWAITING_KEYFRAME, 1);
                return Outcome.AWAITING_KEYFRAME;
            }
            avcodec_flush_buffers(context);
            wallClocks.clear();
            sampler.reset();
            state = State.DECODING;
        }
        framesOut = 0;
        corruptOut = false;
        consumerNanos = 0;
        boolean sent = send(unit);
        // A unit FFmpeg rejected may still have left a half-decoded picture: never deliver it.
        rejectedPts = sent ? Long.MIN_VALUE : unit.pts90k();
        receive(consumer);
        if (settings.mode() == AnalyticsMode.KEYFRAMES) {
            release(sent && framesOut == 0 && !corruptOut, consumer);
        }
        listener.decoded(camera, framesOut, nanoTime.getAsLong() - start - consumerNanos);
        if (!sent || corruptOut) {
            state = State.AWAITING_KEYFRAME;
            listener.dropped(camera, DropReason.CORRUPT, 1);
            return Outcome.CORRUPT;
        }
        return Outcome.DECODED;
    }

    private boolean send(AccessUnit unit) {
        int size = AnnexB.size(unit);
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        AnnexB.write(unit.nalUnits(), scratch);
        if (av_new_packet(packet, size) < 0) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + camera + ": cannot allocate a "
                    + size + "-byte packet");
        }
        try {
            packet.data().put(scratch, 0, size);
            packet.pts(unit.pts90k());
            packet.dts(unit.pts90k());
            packet.flags(unit.keyframe() ? AV_PKT_FLAG_KEY : 0);
            wallClocks.put(unit.pts90k(), unit.wallClock());
            return avcodec_send_packet(context, packet) >= 0;
        } finally {
            av_packet_unref(packet);
        }
    }

    /** Receives every picture the decoder has ready, delivering the sampled ones. */
    private void receive(FrameConsumer consumer) {
        while (true) {
            int ret = avcodec_receive_frame(context, frame);
            if (ret == AVERROR_EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            if (ret < 0) {
                corruptOut = true;
                return;
            }
            try {
                if (!inSystemMemory()) {
                    corruptOut = true;
                } else if ((frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0
                        || frame.best_effort_timestamp() == rejectedPts) {
                    corruptOut = true;
                } else {
                    framesOut++;
                    deliver(consumer);
                }
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /**
     * Makes {@link #frame} a picture in system memory: a hardware decoder's picture (its
     * {@code hw_frames_ctx} set) is copied down, with its properties; false when that fails.
     */
    private boolean inSystemMemory() {
        if (frame.hw_frames_ctx() == null || frame.hw_frames_ctx().isNull()) {
            return true;
        }
        av_frame_unref(transfer);
        if (av_hwframe_transfer_data(transfer, frame, 0) < 0 || av_frame_copy_props(transfer, frame) < 0) {
            av_frame_unref(transfer);
            return false;
        }
        av_frame_unref(frame);
        av_frame_move_ref(frame, transfer);
        return true;
    }

    /** Gives the context the hardware device of the camera's settings, or reports that it decodes in software. */
    private void attachDevice(AVCodecContext c) {
        HwAccel type = settings.hwaccel();
        Optional<AVBufferRef> device = HardwareDevices.reference(type);
        if (device.isPresent()) {
            // The context owns this reference and frees it with itself.
            c.hw_device_ctx(device.get());
        } else if (!hardwareFallbackReported) {
            hardwareFallbackReported = true;
            listener.hardwareUnavailable(camera, type, HardwareDevices.failure(type));
        }
    }

    /**
     * In {@code KEYFRAMES} mode each key frame is decoded on its own: a decoder that holds pictures
     * back (reorder delay) is drained so the key frame shows, and then flushed either way, so that
     * it holds no reference picture (a 1080p picture is 3 MB) while it waits for the next one.
     */
    private void release(boolean drain, FrameConsumer consumer) {
        if (drain && avcodec_send_packet(context, null) >= 0) {
            receive(consumer);
        }
        avcodec_flush_buffers(context);
    }

    private void deliver(FrameConsumer consumer) {
        long pts = frame.best_effort_timestamp();
        if (!sampler.take(pts)) {
            return;
        }
        PictureSize source = new PictureSize(frame.width(), frame.height());
        PictureSize size = source.scaledTo(settings.analysisWidth());
        byte[] grey = scaler.grey(frame, size);
        Instant wall = wallClocks.find(pts);
        LiveColour colour = new LiveColour(source, pts);
        GreyFrame out = new GreyFrame(camera, pts, wall == null ? Instant.EPOCH : wall,
                (frame.flags() & AV_FRAME_FLAG_KEY) != 0, size.width(), size.height(), grey, source.width(),
                source.height(), colour);
        long t0 = nanoTime.getAsLong();
        try {
            consumer.onFrame(out);
        } catch (RuntimeException e) {
            listener.consumerFailed(camera, e);
        } finally {
            colour.release();
            long took = nanoTime.getAsLong() - t0;
            consumerNanos += took;
            listener.analysed(camera, took);
        }
    }

    private void open(Codec newCodec, ParameterSets sets) {
        closeContext();
        codec = newCodec;
        parameterSets = sets;
        state = State.AWAITING_KEYFRAME;
        AVCodec decoder = avcodec_find_decoder(newCodec == Codec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        if (decoder == null || decoder.isNull()) {
            throw new VigilException(ErrorKind.UNIMPLEMENTED, "camera " + camera + ": this FFmpeg build has no "
                    + newCodec.wireName() + " decoder");
        }
        AVCodecContext c = avcodec_alloc_context3(decoder);
        if (c == null || c.isNull()) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + camera + ": cannot allocate a decoder");
        }
        c.thread_count(1);
        if (settings.hwaccel() != HwAccel.NONE) {
            attachDevice(c);
        }
        if (newCodec == Codec.H265) {
            c.err_recognition(c.err_recognition() | AV_EF_EXPLODE);
        }
        if (sets != null) {
            byte[] extradata = AnnexB.extradata(sets);
            // The context owns extradata (freed by avcodec_free_context): av_malloc'd, zero padded.
            BytePointer p = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
            if (p.isNull()) {
                avcodec_free_context(c);
                throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "camera " + camera + ": cannot allocate extradata");
            }
            p.capacity(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE).put(extradata);
            c.extradata(p);
            c.extradata_size(extradata.length);
        }
        if (avcodec_open2(c, decoder, (AVDictionary) null) < 0) {
            // Bad parameter sets are bad data: counted by the caller, retried at the next key frame.
            avcodec_free_context(c);
            return;
        }
        context = c;
        listener.opened(camera, newCodec);
    }

    private void closeContext() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }

    /** Frees the decoder's native state; idempotent. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeContext();
        av_packet_free(packet);
        av_frame_free(frame);
        av_frame_free(transfer);
        scaler.close();
    }

    /** Colour of the picture being delivered, valid on the delivering thread until the consumer returns. */
    private final class LiveColour implements ColourSource {
        private final PictureSize source;
        private final long pts;
        private final Thread owner = Thread.currentThread();
        private boolean live = true;

        LiveColour(PictureSize source, long pts) {
            this.source = source;
            this.pts = pts;
        }

        @Override
        public BgrImage bgr(int width) {
            if (width < 0) {
                throw VigilException.invalid("colour width must not be negative, was " + width);
            }
            if (!live || Thread.currentThread() != owner) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera + ": colour of the picture"
                        + " at pts " + pts + " is available only inside onFrame");
            }
            PictureSize size = source.scaledTo(width);
            return new BgrImage(size.width(), size.height(), scaler.bgr(frame, size));
        }

        void release() {
            live = false;
        }
    }
}
