/**
 * Fragmented MP4 (ISO/IEC 14496-12 ISO BMFF, 14496-15 AVC/HEVC file format) for stream copy:
 * this package owns the init segment ({@link dev.vigil.storage.mp4.Fmp4InitSegment}), the
 * segment writer that turns {@link dev.vigil.core.model.AccessUnit}s into {@code moof}/{@code mdat}
 * fragments while hashing every byte ({@link dev.vigil.storage.mp4.Fmp4SegmentWriter}), and the
 * policy that cuts fragments ({@link dev.vigil.storage.mp4.FragmentPolicy}). The SPS parsers it
 * needs live in {@code codec}. Pure code: it writes to a caller's {@code OutputStream}, opens no
 * file, decodes nothing, and logs nothing.
 */
package dev.vigil.storage.mp4;
