/**
 * Rules on normalized zones and lines per camera (intrusion, line crossing, loitering, crowding,
 * stopped object, tamper) with schedules and cooldowns, turned into START/UPDATE/END event steps.
 * Pure Java: no OpenCV here.
 */
package dev.vigil.analytics.rules;
