package dev.vigil.analytics.decode;

import dev.vigil.core.error.VigilException;

/**
 * Sizes of the {@link DecodePool}.
 *
 * @param workers decode threads, 1-256; default: the number of cores
 * @param queueCapacity access units queued per camera before it drops to the next key frame,
 *     1-10000; default {@value #DEFAULT_QUEUE_CAPACITY} (2 s at 25 fps)
 * @param batch access units a worker decodes for one camera before it lets another camera run,
 *     1-1000; default {@value #DEFAULT_BATCH}
 */
public record DecodePoolSettings(int workers, int queueCapacity, int batch) {
    public static final int DEFAULT_QUEUE_CAPACITY = 50;
    public static final int DEFAULT_BATCH = 4;

    public DecodePoolSettings {
        if (workers < 1 || workers > 256) {
            throw VigilException.invalid("decode workers must be 1-256, was " + workers);
        }
        if (queueCapacity < 1 || queueCapacity > 10_000) {
            throw VigilException.invalid("decode queue capacity must be 1-10000 access units, was " + queueCapacity);
        }
        if (batch < 1 || batch > 1000) {
            throw VigilException.invalid("decode batch must be 1-1000 access units, was " + batch);
        }
    }

    /** One worker per core, the default queue and batch. */
    public static DecodePoolSettings defaults() {
        return new DecodePoolSettings(Runtime.getRuntime().availableProcessors(), DEFAULT_QUEUE_CAPACITY,
                DEFAULT_BATCH);
    }
}
