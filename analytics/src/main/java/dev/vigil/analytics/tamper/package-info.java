/** Camera tamper: covered, defocused, moved, scene changed, frozen, against a slowly learned reference. */
package dev.vigil.analytics.tamper;
