package dev.vigil.core.access;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The sites a token is limited to. An empty set means no limit: every site, present and future.
 * Serialized as the sorted list of site ids ({@code []} for all sites).
 *
 * @param sites the sites, sorted; empty for all
 */
public record SiteScope(SortedSet<SiteId> sites) {
    /** Every site. */
    public static final SiteScope ALL = new SiteScope(new TreeSet<>());

    public SiteScope {
        Objects.requireNonNull(sites, "sites");
        sites = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sites));
    }

    /** The given sites; an empty collection means every site. */
    public static SiteScope of(Collection<SiteId> sites) {
        return new SiteScope(new TreeSet<>(sites));
    }

    /**
     * Parses a comma-separated list such as {@code yard,gate} (blank or {@code null}: every site).
     *
     * @throws VigilException INVALID_ARGUMENT if an id is malformed
     */
    public static SiteScope parse(String list) {
        if (list == null || list.isBlank()) {
            return ALL;
        }
        Set<SiteId> ids = new TreeSet<>();
        for (String part : list.split(",", -1)) {
            if (part.isBlank()) {
                throw VigilException.invalid("sites: empty site id in '" + list + "'");
            }
            ids.add(SiteId.of(part.strip()));
        }
        return of(ids);
    }

    /** Whether this scope has no site limit. */
    public boolean unlimited() {
        return sites.isEmpty();
    }

    /** Whether a token with this scope may see {@code site}; a {@code null} site only when unlimited. */
    public boolean permits(SiteId site) {
        return unlimited() || (site != null && sites.contains(site));
    }

    /** The site ids as JSON shows them: a sorted list, empty for every site. */
    @JsonValue
    public java.util.List<String> ids() {
        return sites.stream().map(SiteId::value).toList();
    }

    /** The comma-separated form {@link #parse} reads; empty for every site. */
    public String format() {
        return sites.stream().map(SiteId::value).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return unlimited() ? "all sites" : "sites " + format();
    }
}
