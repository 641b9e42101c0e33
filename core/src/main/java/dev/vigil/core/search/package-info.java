/**
 * Recording search by time window and place: the area shapes ({@link dev.vigil.core.search.SearchArea}),
 * the query, and what it finds per camera. Pure records; the catalog answers them through
 * {@link dev.vigil.core.port.RecordingSearch}.
 */
package dev.vigil.core.search;
