package dev.vigil.api;

import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.directory.ManagedSite;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.CameraDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link CameraDirectory} in memory for the api module's tests (the catalog's is tested in storage). */
public final class MemoryCameraDirectory implements CameraDirectory {
    private final Map<SiteId, ManagedSite> sites = new TreeMap<>();
    private final Map<CameraId, ManagedCamera> cameras = new TreeMap<>();
    private final Map<CameraId, String> passwords = new HashMap<>();

    @Override
    public synchronized List<ManagedSite> sites() {
        return new ArrayList<>(sites.values());
    }

    @Override
    public synchronized Optional<ManagedSite> site(SiteId id) {
        return Optional.ofNullable(sites.get(id));
    }

    @Override
    public synchronized boolean putSite(ManagedSite site) {
        return sites.put(site.id(), site) == null;
    }

    @Override
    public synchronized boolean deleteSite(SiteId id) {
        if (cameras.values().stream().anyMatch(c -> c.site().equals(id))) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + id + " still has cameras");
        }
        return sites.remove(id) != null;
    }

    @Override
    public synchronized List<ManagedCamera> cameras() {
        return new ArrayList<>(cameras.values());
    }

    @Override
    public synchronized Optional<ManagedCamera> camera(CameraId id) {
        return Optional.ofNullable(cameras.get(id));
    }

    @Override
    public synchronized void createCamera(ManagedCamera camera, String password) {
        if (cameras.containsKey(camera.id())) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " exists already");
        }
        store(camera, camera.username() == null ? null : password);
    }

    @Override
    public synchronized boolean updateCamera(ManagedCamera camera, String password) {
        if (!cameras.containsKey(camera.id())) {
            return false;
        }
        String kept = camera.username() == null ? null : password != null ? password : passwords.get(camera.id());
        store(camera, kept);
        return true;
    }

    private void store(ManagedCamera camera, String password) {
        if (!sites.containsKey(camera.site())) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + camera.site() + " does not exist");
        }
        cameras.put(camera.id(), new ManagedCamera(camera.id(), camera.site(), camera.name(), camera.kind(), camera.url(),
                camera.transport(), camera.username(), password != null, camera.location(), camera.createdAt(),
                camera.updatedAt()));
        if (password == null) {
            passwords.remove(camera.id());
        } else {
            passwords.put(camera.id(), password);
        }
    }

    @Override
    public synchronized boolean deleteCamera(CameraId id) {
        passwords.remove(id);
        return cameras.remove(id) != null;
    }

    @Override
    public synchronized Optional<String> password(CameraId id) {
        return Optional.ofNullable(passwords.get(id));
    }
}
