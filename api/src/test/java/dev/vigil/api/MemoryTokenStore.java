package dev.vigil.api;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.access.Role;
import dev.vigil.core.port.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link TokenStore} in memory for the api module's tests (the catalog's is tested in storage). */
public final class MemoryTokenStore implements TokenStore {
    private final Map<String, ApiToken> byId = new LinkedHashMap<>();
    private final Map<String, String> idByHash = new LinkedHashMap<>();

    @Override
    public synchronized void add(ApiToken token, String secretSha256) {
        if (byId.containsKey(token.id()) || idByHash.containsKey(secretSha256)) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "token exists");
        }
        byId.put(token.id(), token);
        idByHash.put(secretSha256, token.id());
    }

    @Override
    public synchronized Optional<ApiToken> findBySecretHash(String secretSha256) {
        return Optional.ofNullable(idByHash.get(secretSha256)).map(byId::get);
    }

    @Override
    public synchronized Optional<ApiToken> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<ApiToken> list() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public synchronized Optional<ApiToken> revoke(String id, Instant at) {
        ApiToken t = byId.get(id);
        if (t == null) {
            return Optional.empty();
        }
        if (t.active()) {
            byId.put(id, t.revoked(at));
        }
        return Optional.of(byId.get(id));
    }

    @Override
    public synchronized boolean hasActiveAdmin() {
        return byId.values().stream().anyMatch(t -> t.active() && t.role() == Role.ADMIN && t.scope().unlimited());
    }
}
