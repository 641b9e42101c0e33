package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Export parts as files: part 1 is the given file ({@code out.mp4}), part n is {@code out-n.mp4}
 * beside it, the manifest is {@code out.mp4.manifest.json} and its signature
 * {@code out.mp4.manifest.json.sig} ({@link ManifestSignature}). Parts are written to hidden
 * temporary files in the same directory and appear under their names only in {@link #commit},
 * after the manifest is known, so a failed or interrupted export never leaves a file that looks
 * finished; {@link #discard} removes the temporary files. Existing files are never replaced.
 * Not thread-safe.
 */
public final class FileExportSink implements ExportSink {
    /** What is appended to the first part's name to name the manifest. */
    public static final String MANIFEST_SUFFIX = ".manifest.json";

    private final Path first;
    private final List<Path> temporary = new ArrayList<>();

    /**
     * @param output the first part's file, e.g. {@code out.mp4}
     * @throws VigilException {@code ALREADY_EXISTS} if it or its manifest exists;
     *     {@code INVALID_ARGUMENT} if its directory does not exist
     */
    public FileExportSink(Path output) {
        this.first = Objects.requireNonNull(output, "output").toAbsolutePath().normalize();
        if (first.getParent() == null || !Files.isDirectory(first.getParent())) {
            throw VigilException.invalid("directory " + first.getParent() + " of " + first + " does not exist");
        }
        for (Path p : List.of(first, manifest(), signature())) {
            if (Files.exists(p)) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, p + " exists; choose another name or move it away");
            }
        }
    }

    /** Where the manifest goes: the first part's name plus {@value #MANIFEST_SUFFIX}. */
    public Path manifest() {
        return first.resolveSibling(first.getFileName() + MANIFEST_SUFFIX);
    }

    /** The file of part {@code part}. */
    public Path partFile(int part) {
        return first.resolveSibling(partName(part));
    }

    @Override
    public String partName(int part) {
        if (part < 1) {
            throw new IllegalArgumentException("parts count from 1, was " + part);
        }
        String name = first.getFileName().toString();
        if (part == 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + part + name.substring(dot) : name + "-" + part;
    }

    @Override
    public OutputStream openPart(int part) throws IOException {
        if (part != temporary.size() + 1) {
            throw new IllegalStateException("part " + part + " opened after " + temporary.size() + " parts");
        }
        Path file = Files.createTempFile(first.getParent(), "." + partName(part) + ".", ".partial");
        temporary.add(file);
        return new BufferedOutputStream(Files.newOutputStream(file), 64 << 10);
    }

    /** Where the manifest's signature goes: the manifest's name plus {@value ManifestSignature#SUFFIX}. */
    public Path signature() {
        return first.resolveSibling(manifest().getFileName() + ManifestSignature.SUFFIX);
    }

    /**
     * Moves the parts to their names and writes the manifest, signed with {@code key}, beside them:
     * parts first, then the signature, the manifest last (a manifest under its name means the
     * export is complete).
     *
     * @return the files: the parts, then the signature, then the manifest
     * @throws VigilException {@code ALREADY_EXISTS} if a name is taken meanwhile;
     *     {@code UNAVAILABLE} if a file cannot be written or moved
     */
    public List<Path> commit(ExportManifest manifest, ExportSigningKey key) {
        if (manifest.parts().size() != temporary.size()) {
            throw new IllegalStateException("manifest of " + manifest.parts().size() + " parts for "
                    + temporary.size() + " files");
        }
        byte[] manifestBytes = manifest.toJson();
        ManifestSignature signature = ManifestSignature.sign(manifest().getFileName().toString(), manifestBytes, key);
        List<Path> done = new ArrayList<>();
        try {
            Path signatureTemp = Files.createTempFile(first.getParent(), "." + signature().getFileName() + ".",
                    ".partial");
            temporary.add(signatureTemp);
            Files.write(signatureTemp, signature.toJson());
            Path manifestTemp = Files.createTempFile(first.getParent(), "." + manifest().getFileName() + ".", ".partial");
            temporary.add(manifestTemp);
            Files.write(manifestTemp, manifestBytes);
            for (int i = 0; i < manifest.parts().size(); i++) {
                done.add(place(temporary.get(i), partFile(i + 1)));
            }
            done.add(place(signatureTemp, signature()));
            done.add(place(manifestTemp, manifest()));
            temporary.clear();
            return done;
        } catch (FileAlreadyExistsException e) {
            undo(done);
            throw new VigilException(ErrorKind.ALREADY_EXISTS, e.getFile() + " exists; the export was not saved", e);
        } catch (IOException e) {
            undo(done);
            throw new VigilException(ErrorKind.UNAVAILABLE, "saving the export beside " + first + " failed: " + e, e);
        }
    }

    /**
     * Gives {@code temp} the name {@code target} unless that exists: a hard link fails atomically
     * on an existing name (a rename would replace it); where links are not supported, a plain move,
     * which checks first.
     */
    private static Path place(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(temp, target);
        }
        return target;
    }

    /** Deletes every temporary file; call after a failed export. Never throws. */
    public void discard() {
        undo(List.of());
    }

    private void undo(List<Path> moved) {
        for (Path p : moved) {
            deleteQuietly(p);
        }
        for (Path p : temporary) {
            deleteQuietly(p);
        }
        temporary.clear();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a hidden .partial file is left
        }
    }
}
