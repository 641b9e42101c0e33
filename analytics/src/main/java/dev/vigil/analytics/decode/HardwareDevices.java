package dev.vigil.analytics.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_find_type_by_name;

import dev.vigil.core.model.HwAccel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's hardware decoding devices, one per {@link HwAccel} type, opened on first use and
 * shared by every decoder (each takes its own reference). A device that cannot be opened (no GPU,
 * no driver, an FFmpeg build without the type) is remembered as absent with its reason: decoders
 * then decode in software.
 *
 * <p>Ownership: the devices live until the process ends (a handful of driver handles at most);
 * {@link #reference} returns a new reference that the caller hands to a codec context, which
 * frees it with the context.
 */
final class HardwareDevices {
    private static final Logger log = LoggerFactory.getLogger(HardwareDevices.class);
    private static final Map<HwAccel, AVBufferRef> OPEN = new EnumMap<>(HwAccel.class);
    private static final Map<HwAccel, String> FAILED = new EnumMap<>(HwAccel.class);

    private HardwareDevices() {}

    /**
     * A new reference to the device of {@code type}, or empty with the reason in {@link #failure}.
     *
     * @throws IllegalArgumentException for {@code NONE}
     */
    static synchronized Optional<AVBufferRef> reference(HwAccel type) {
        if (type == HwAccel.NONE) {
            throw new IllegalArgumentException("no device for software decoding");
        }
        AVBufferRef device = OPEN.get(type);
        if (device == null && !FAILED.containsKey(type)) {
            device = open(type);
        }
        return device == null ? Optional.empty() : Optional.of(av_buffer_ref(device));
    }

    /** Why the device of {@code type} could not be opened, or {@code null}. */
    static synchronized String failure(HwAccel type) {
        return FAILED.get(type);
    }

    private static AVBufferRef open(HwAccel type) {
        int deviceType = av_hwdevice_find_type_by_name(type.ffmpegName());
        if (deviceType == AV_HWDEVICE_TYPE_NONE) {
            return fail(type, "this FFmpeg build has no " + type.ffmpegName() + " device type");
        }
        AVBufferRef device = new AVBufferRef(null);
        int ret = av_hwdevice_ctx_create(device, deviceType, (BytePointer) null, null, 0);
        if (ret < 0 || device.isNull()) {
            return fail(type, "cannot open a " + type.ffmpegName() + " device: " + error(ret));
        }
        OPEN.put(type, device);
        log.info("hardware decoding: {} device opened", type.ffmpegName());
        return device;
    }

    private static AVBufferRef fail(HwAccel type, String reason) {
        FAILED.put(type, reason);
        log.warn("hardware decoding: {}; decoding in software", reason);
        return null;
    }

    private static String error(int code) {
        BytePointer buf = new BytePointer(256);
        try {
            avutil.av_strerror(code, buf, 256);
            return buf.getString() + " (" + code + ")";
        } finally {
            buf.deallocate();
        }
    }
}
