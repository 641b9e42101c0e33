package dev.vigil.ingest.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The header fields of one RTSP message, in order, immutable. Lookups ignore case (quirk 18:
 * H264DVR sends {@code Cseq}); values are stored trimmed (quirk 19: Longse sends {@code CSeq: 1 }).
 * Names keep the case they were given, since some cameras care about the case we send.
 */
public final class RtspHeaders {
    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank() || name.indexOf(':') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("bad RTSP header field name or value: " + name);
            }
            value = value.strip();
        }
    }

    private static final RtspHeaders EMPTY = new RtspHeaders(List.of());

    private final List<Field> fields;

    private RtspHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static RtspHeaders empty() {
        return EMPTY;
    }

    /** Headers from name/value pairs: {@code of("CSeq", "1", "Session", "x")}. */
    public static RtspHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Field> f = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            f.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new RtspHeaders(f);
    }

    static RtspHeaders of(List<Field> fields) {
        return new RtspHeaders(fields);
    }

    /** A copy with one more field. */
    public RtspHeaders with(String name, String value) {
        List<Field> f = new ArrayList<>(fields);
        f.add(new Field(name, value));
        return new RtspHeaders(f);
    }

    /** The first value of {@code name} (any case), or {@code null}. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of {@code name} (any case), in order. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The CSeq as a number, or -1 when absent or unparseable. */
    public int cseq() {
        String v = get("CSeq");
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspHeaders h && fields.equals(h.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Field names only: values may hold credentials (Authorization). */
    @Override
    public String toString() {
        return "RtspHeaders" + fields.stream().map(Field::name).toList();
    }
}
