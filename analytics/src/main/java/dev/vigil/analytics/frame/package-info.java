/**
 * Decoded pictures as analytics sees them: {@link dev.vigil.analytics.frame.GreyFrame} (the luma
 * plane at the analysis size, an owned copy), colour on demand through
 * {@link dev.vigil.analytics.frame.ColourSource}, and the {@link
 * dev.vigil.analytics.frame.FrameConsumer} that detectors implement. Nothing here touches FFmpeg,
 * so detectors and their tests need no native library.
 */
package dev.vigil.analytics.frame;
