package dev.vigil.analytics.rules;

/**
 * Which way an object crossed a line, in the picture's terms: a line drawn mostly up and down is
 * crossed left to right or right to left, one drawn mostly across is crossed top to bottom or
 * bottom to top. Integrators draw lines on the picture, so these are the names they see.
 */
public enum CrossingDirection {
    LEFT_TO_RIGHT,
    RIGHT_TO_LEFT,
    TOP_TO_BOTTOM,
    BOTTOM_TO_TOP
}
