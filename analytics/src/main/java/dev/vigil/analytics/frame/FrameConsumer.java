package dev.vigil.analytics.frame;

/**
 * Receives the sampled, decoded pictures of the cameras it is registered for (the detector side
 * implements this).
 *
 * <p>Threading: called on a decode worker thread, never concurrently for the same camera, in
 * presentation order per camera; different cameras may be delivered concurrently on different
 * workers, so an implementation shared between cameras must be thread-safe. The call runs on the
 * camera's decode lane: while it runs, that camera decodes nothing, and when it is slower than
 * the camera the lane drops access units up to the next key frame (counted, never blocking
 * ingest). An exception thrown here is counted and logged; the next frame is still delivered.
 */
@FunctionalInterface
public interface FrameConsumer {
    /**
     * One picture. The frame and its {@link GreyFrame#grey() grey} array may be kept; its
     * {@link GreyFrame#colour() colour} works only until this method returns.
     */
    void onFrame(GreyFrame frame);
}
