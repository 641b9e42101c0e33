package dev.vigil.core.port;

import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.directory.ManagedSite;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import java.util.List;
import java.util.Optional;

/**
 * Sites and cameras managed through the API, kept in the catalog. Passwords go in and never come
 * out through the read methods; only {@link #password} returns one, for connecting to the camera.
 * Thread-safe; failures are {@link dev.vigil.core.error.VigilException}s.
 */
public interface CameraDirectory {
    /** Every site, by id. */
    List<ManagedSite> sites();

    Optional<ManagedSite> site(SiteId id);

    /** Creates or replaces a site; returns whether it was created. */
    boolean putSite(ManagedSite site);

    /**
     * Deletes a site.
     *
     * @return whether it existed
     * @throws dev.vigil.core.error.VigilException FAILED_PRECONDITION while cameras are at it
     */
    boolean deleteSite(SiteId id);

    /** Every camera, by id. */
    List<ManagedCamera> cameras();

    Optional<ManagedCamera> camera(CameraId id);

    /**
     * Adds a camera.
     *
     * @param password its password, or {@code null}
     * @throws dev.vigil.core.error.VigilException ALREADY_EXISTS for a taken id, FAILED_PRECONDITION
     *     when its site does not exist
     */
    void createCamera(ManagedCamera camera, String password);

    /**
     * Replaces a camera's settings.
     *
     * @param password the new password, or {@code null} to keep the stored one (a camera without
     *     a user name keeps none)
     * @return whether the camera existed
     * @throws dev.vigil.core.error.VigilException FAILED_PRECONDITION when its site does not exist
     */
    boolean updateCamera(ManagedCamera camera, String password);

    /** Deletes a camera; returns whether it existed. */
    boolean deleteCamera(CameraId id);

    /** The stored password of a camera, for connecting to it only; never shown or logged. */
    Optional<String> password(CameraId id);
}
