package dev.netwright.backend.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file a worker sends (checkpoints, artifact), received into a temp file of its own in the run's folder: two
 * uploads of one run (a stale worker and the current one, or a retry) never write into the same file. The size
 * limit is checked while streaming, so an oversized upload stops at the limit instead of filling the disk first.
 * Closing deletes the temp file unless it was moved into place: every failure leaves nothing behind.
 */
public final class Upload implements AutoCloseable {
    private final Path file;
    private final long size;
    private final String sha256;
    private boolean moved;

    private Upload(Path file, long size, String sha256) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The upload is larger than allowed; nothing of it is kept. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String what, long maxBytes) {
            super(what + " is larger than " + maxBytes + " bytes");
        }
    }

    /** Streams {@code in} into a new temp file in {@code dir}; refuses (and deletes) it past {@code maxBytes}. */
    public static Upload receive(Path dir, String what, InputStream in, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, what.replaceAll("[^a-z]", "") + "-", ".upload");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            MessageDigest digest = newDigest();
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(what, maxBytes);
                }
                out.write(buf, 0, n);
                digest.update(buf, 0, n);
            }
            return new Upload(tmp, total, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** An upload made here (a ZIP written by an in-process worker) that should be installed the same way. */
    public static Upload of(Path tempFile) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(tempFile), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new Upload(tempFile, Files.size(tempFile), HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    /** Hex SHA-256 of the content, computed while receiving. */
    public String sha256() {
        return sha256;
    }

    /** Stores the upload under {@code key}, replacing what was there in one step (readers never see half). */
    public void installInto(dev.netwright.backend.storage.ObjectStorage storage, String key) throws IOException {
        storage.install(key, file);
        moved = true;
    }

    /** Replaces {@code target} with the upload in one step (readers see the old or the new file, never half). */
    public void moveTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
    }

    @Override
    public void close() throws IOException {
        if (!moved) {
            Files.deleteIfExists(file);
        }
    }
}
