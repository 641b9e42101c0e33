/** People by OpenCV's HOG descriptor and its default people SVM. */
package dev.vigil.analytics.detect.hog;
