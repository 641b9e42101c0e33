package dev.vigil.analytics.snapshot;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws an event's boxes on its best frame and encodes it as JPEG. Pure: the picture is copied,
 * not changed.
 *
 * @param quality JPEG quality, 1 to 100; default 85 (about 60 KB for 768x576)
 */
public record SnapshotRenderer(int quality) {
    public SnapshotRenderer {
        if (quality < 1 || quality > 100) {
            throw VigilException.invalid("JPEG quality must be 1 to 100, was " + quality);
        }
    }

    public static SnapshotRenderer defaults() {
        return new SnapshotRenderer(85);
    }

    /**
     * @param bgr the picture, 8-bit BGR (borrowed)
     * @param boxes the boxes to draw, normalized
     * @param caption drawn above each box (e.g. {@code person 0.82}); empty for none
     * @return the JPEG bytes
     */
    public byte[] render(Mat bgr, List<NormalizedBox> boxes, String caption) {
        if (bgr.type() != CV_8UC3) {
            throw VigilException.invalid("a snapshot needs an 8-bit BGR picture, had Mat type " + bgr.type());
        }
        int w = bgr.cols();
        int h = bgr.rows();
        int thickness = Math.max(1, Math.round(Math.min(w, h) / 240f));
        try (Mat canvas = bgr.clone(); Scalar colour = new Scalar(0, 255, 0, 0);
                BytePointer jpeg = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            for (NormalizedBox b : boxes) {
                try (Point p1 = new Point((int) Math.round(b.x() * w), (int) Math.round(b.y() * h));
                        Point p2 = new Point((int) Math.round(b.right() * w) - 1, (int) Math.round(b.bottom() * h) - 1)) {
                    rectangle(canvas, p1, p2, colour, thickness, LINE_8, 0);
                    if (!caption.isEmpty()) {
                        try (Point at = new Point(p1.x(), Math.max(12, p1.y() - 4));
                                BytePointer text = new BytePointer(caption)) {
                            putText(canvas, text, at, FONT_HERSHEY_SIMPLEX, 0.4 * thickness, colour, thickness, LINE_8,
                                    false);
                        }
                    }
                }
            }
            if (!imencode(".jpg", canvas, jpeg, params)) {
                throw new VigilException(ErrorKind.INTERNAL, "OpenCV could not encode a " + w + "x" + h + " JPEG");
            }
            byte[] out = new byte[(int) jpeg.limit()];
            jpeg.get(out);
            return out;
        }
    }
}
