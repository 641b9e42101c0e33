package dev.vigil.ingest.onvif;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which profile to record and which to analyse, picked by resolution among the profiles whose
 * video Vigil can ingest (H.264, H.265): record the wanted one (token or name) or else the largest;
 * detect on the smallest other one (the sub-stream), or on the recorded one when it is alone.
 *
 * @param record the main profile
 * @param detect the sub profile; may be {@code record}
 */
public record ProfileChoice(MediaProfile record, MediaProfile detect) {
    public ProfileChoice {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(detect, "detect");
    }

    /**
     * @param wanted the configured profile token or name, or {@code null}
     * @throws OnvifException UNSUPPORTED when no profile fits, naming what there is
     */
    public static ProfileChoice pick(List<MediaProfile> profiles, String wanted, String what) {
        List<MediaProfile> usable = profiles.stream().filter(MediaProfile::ingestible).toList();
        MediaProfile record;
        if (wanted != null) {
            record = profiles.stream().filter(p -> p.token().equals(wanted)).findFirst()
                    .or(() -> profiles.stream().filter(p -> p.name().equals(wanted)).findFirst())
                    .orElseThrow(() -> new OnvifException(OnvifFailure.UNSUPPORTED, what + ": no profile with token or "
                            + "name '" + wanted + "' (profiles: " + describe(profiles) + ")"));
            if (!record.ingestible()) {
                throw new OnvifException(OnvifFailure.UNSUPPORTED, what + ": profile '" + wanted + "' is "
                        + (record.codec().isEmpty() ? "without video" : record.codec())
                        + "; Vigil ingests H264 and H265");
            }
        } else {
            record = usable.stream().max(Comparator.comparingLong(MediaProfile::area)).orElseThrow(() ->
                    new OnvifException(OnvifFailure.UNSUPPORTED, what + ": no H264 or H265 profile (profiles: "
                            + describe(profiles) + ")"));
        }
        MediaProfile main = record;
        MediaProfile detect = usable.stream().filter(p -> !p.token().equals(main.token()) && p.area() > 0
                        && p.area() < main.area())
                .min(Comparator.comparingLong(MediaProfile::area)).orElse(main);
        return new ProfileChoice(record, detect);
    }

    private static String describe(List<MediaProfile> profiles) {
        return profiles.isEmpty() ? "none" : profiles.stream()
                .map(p -> p.token() + " " + (p.codec().isEmpty() ? "no video" : p.codec()) + " " + p.width() + "x"
                        + p.height())
                .collect(Collectors.joining(", "));
    }
}
