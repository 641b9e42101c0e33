package dev.vigil.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's key pair on disk, the manifest signature's format (checked with OpenSSL too), and
 * every verdict of {@link ExportVerifier}: intact, a tampered MP4, a tampered manifest, a tampered
 * signature, another key, no pinned key, a renamed part.
 */
class ExportSignatureTest {
    @TempDir
    Path dir;

    @Test
    void theKeyPairIsCreatedOnceOwnerOnlyAndReloaded() throws Exception {
        Path data = dir.resolve("data");
        ExportSigningKey created = ExportSigningKey.loadOrCreate(data);
        Path keys = data.resolve("keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys.resolve(ExportSigningKey.PRIVATE_FILE))));
        ExportSigningKey reloaded = ExportSigningKey.loadOrCreate(data);
        assertEquals(created.keyId(), reloaded.keyId());
        assertTrue(created.keyId().matches("sha256:[0-9a-f]{64}"), created.keyId());
        assertEquals(created.publicKeyPem(), Files.readString(keys.resolve(ExportSigningKey.PUBLIC_FILE)));
        assertEquals(created.keyId(), ExportSigningKey.keyId(ExportSigningKey.readPublicKey(created.publicKeyPem(),
                "pem")));
        assertEquals(created.keyId(), ExportSigningKey.keyId(ExportSigningKey.readPublicKey(created.publicKeyBase64(),
                "base64")));

        Files.setPosixFilePermissions(keys.resolve(ExportSigningKey.PRIVATE_FILE),
                PosixFilePermissions.fromString("rw-r--r--"));
        ExportSigningKey.loadOrCreate(data);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys.resolve(ExportSigningKey.PRIVATE_FILE))), "narrowed again");

        Files.delete(keys.resolve(ExportSigningKey.PUBLIC_FILE));
        VigilException half = assertThrows(VigilException.class, () -> ExportSigningKey.loadOrCreate(data));
        assertEquals(ErrorKind.DATA_LOSS, half.kind(), "never silently a new key: past exports would not verify");
        ExportSigningKey.loadOrCreate(dir.resolve("other"));
        Files.copy(dir.resolve("other/keys/" + ExportSigningKey.PUBLIC_FILE), keys.resolve(ExportSigningKey.PUBLIC_FILE));
        assertEquals(ErrorKind.DATA_LOSS, assertThrows(VigilException.class,
                () -> ExportSigningKey.loadOrCreate(data)).kind(), "a public key of another pair");
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> ExportSigningKey.readPublicKey("not a key", "x")).kind());
    }

    @Test
    void everyVerdict() throws Exception {
        ExportSigningKey key = ExportSigningKey.loadOrCreate(dir.resolve("node"));
        ExportSigningKey stranger = ExportSigningKey.loadOrCreate(dir.resolve("stranger"));
        Path out = Files.createDirectories(dir.resolve("case"));
        byte[] mp4 = "not really an MP4, but bytes".getBytes(StandardCharsets.UTF_8);
        Path part = Files.write(out.resolve("out.mp4"), mp4);
        ExportManifest manifest = new ExportManifest(ExportServiceTest.CAMERA, ExportServiceTest.T0,
                ExportServiceTest.T0.plusSeconds(10), "insp.tran", ExportServiceTest.NOW, "CASE-1", List.of(
                new ExportManifest.Part("out.mp4", ManifestSignature.sha256(mp4), mp4.length, Codec.H264, 100,
                        ExportServiceTest.T0, ExportServiceTest.T0.plusSeconds(9), ExportServiceTest.T0.plusSeconds(10),
                        ExportManifest.PartStart.RANGE_START)), List.of(), List.of());
        Path manifestFile = Files.write(out.resolve("out.mp4.manifest.json"), manifest.toJson());
        ManifestSignature signature = ManifestSignature.sign("out.mp4.manifest.json", manifest.toJson(), key);
        Path sig = Files.write(out.resolve("out.mp4.manifest.json.sig"), signature.toJson());
        assertEquals(signature, ManifestSignature.parse(Files.readAllBytes(sig)));

        ExportVerifier.Report ok = ExportVerifier.verify(part, manifestFile, sig, key.publicKey());
        assertEquals(ExportVerifier.Outcome.VERIFIED, ok.outcome(), ok.lines().toString());
        assertEquals(ExportVerifier.Outcome.UNTRUSTED_KEY, ExportVerifier.verify(part, manifestFile, sig, null).outcome());
        assertEquals(ExportVerifier.Outcome.WRONG_KEY,
                ExportVerifier.verify(part, manifestFile, sig, stranger.publicKey()).outcome());
        Path renamed = Files.write(out.resolve("evidence.mp4"), mp4);
        assertEquals(ExportVerifier.Outcome.VERIFIED, ExportVerifier.verify(renamed, manifestFile, sig,
                key.publicKey()).outcome(), "a copy under another name is still that part");

        // A tampered MP4: one bit.
        byte[] tampered = mp4.clone();
        tampered[3] ^= 1;
        Files.write(part, tampered);
        ExportVerifier.Report altered = ExportVerifier.verify(part, manifestFile, sig, key.publicKey());
        assertEquals(ExportVerifier.Outcome.PART_ALTERED, altered.outcome());
        assertTrue(altered.lines().get(altered.lines().size() - 1).contains("the file was altered"), altered.lines().toString());
        Files.write(part, mp4);

        // A tampered manifest: another reason; and one re-signed by a stranger.
        byte[] forged = new String(manifest.toJson(), StandardCharsets.UTF_8).replace("CASE-1", "CASE-2")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(manifestFile, forged);
        assertEquals(ExportVerifier.Outcome.BAD_SIGNATURE, ExportVerifier.verify(part, manifestFile, sig,
                key.publicKey()).outcome());
        Files.write(sig, ManifestSignature.sign("out.mp4.manifest.json", forged, stranger).toJson());
        assertEquals(ExportVerifier.Outcome.WRONG_KEY, ExportVerifier.verify(part, manifestFile, sig,
                key.publicKey()).outcome(), "valid, but by the stranger's key");
        Files.write(manifestFile, manifest.toJson());

        // A tampered signature: the signature of another message with the right sha256 field kept.
        String json = new String(signature.toJson(), StandardCharsets.UTF_8).replace(
                Base64.getEncoder().encodeToString(signature.signature()),
                Base64.getEncoder().encodeToString(key.sign("something else".getBytes(StandardCharsets.UTF_8))));
        Files.writeString(sig, json);
        assertEquals(ExportVerifier.Outcome.BAD_SIGNATURE, ExportVerifier.verify(part, manifestFile, sig,
                key.publicKey()).outcome());
        Files.writeString(sig, "{\"algorithm\": \"RSA\"}");
        assertEquals(ExportVerifier.Outcome.BAD_SIGNATURE, ExportVerifier.verify(part, manifestFile, sig,
                key.publicKey()).outcome());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> ExportVerifier.verify(part, out.resolve("missing.json"), sig, null)).kind());
    }

    /** The signature file says anyone can check it without Vigil: OpenSSL 3 does. */
    @Test
    void openSslVerifiesTheSignature() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "Debian's openssl is not installed at /usr/bin");
        ExportSigningKey key = ExportSigningKey.loadOrCreate(dir.resolve("node"));
        byte[] manifest = "{\"camera\": \"gate-3\"}\n".getBytes(StandardCharsets.UTF_8);
        Path manifestFile = Files.write(dir.resolve("m.json"), manifest);
        ManifestSignature signature = ManifestSignature.sign("m.json", manifest, key);
        Path raw = Files.write(dir.resolve("m.sig.bin"), signature.signature());
        Path pub = dir.resolve("node/keys/" + ExportSigningKey.PUBLIC_FILE);
        assertEquals(0, openssl(openssl, pub, manifestFile, raw), "valid");
        Files.write(manifestFile, "{\"camera\": \"gate-4\"}\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(openssl(openssl, pub, manifestFile, raw) != 0, "altered");
    }

    private int openssl(Path openssl, Path pub, Path message, Path signature) throws Exception {
        Process p = new ProcessBuilder(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(),
                "-rawin", "-in", message.toString(), "-sigfile", signature.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
