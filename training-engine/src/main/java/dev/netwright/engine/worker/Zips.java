package dev.netwright.engine.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Folder to ZIP and back, for checkpoints and artifacts that travel over HTTP. */
public final class Zips {
    private Zips() {
    }

    /** Writes every file under {@code dir} whose relative path passes {@code include}. */
    public static void zip(Path dir, Predicate<String> include, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = dir.relativize(f).toString().replace('\\', '/');
            if (!include.test(name)) {
                continue;
            }
            zip.putNextEntry(new ZipEntry(name));
            Files.copy(f, zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    public static void zip(Path dir, Predicate<String> include, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            zip(dir, include, out);
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A ZIP holds more entries or expands to more bytes than the caller accepts. */
    public static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }

    /** Extracts into {@code dir}, refusing entries that would land outside it (zip-slip). */
    public static void unzip(InputStream in, Path dir, long maxBytes) throws IOException {
        unzip(in, dir, maxBytes, Integer.MAX_VALUE);
    }

    /**
     * Extracts into {@code dir}, refusing entries that would land outside it (zip-slip), and stopping with a
     * {@link LimitExceededException} at the first byte past {@code maxBytes} (counted as extracted, whatever the
     * entries declare) or the first entry past {@code maxEntries}.
     */
    public static void unzip(InputStream in, Path dir, long maxBytes, int maxEntries) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++entries > maxEntries) {
                    throw new LimitExceededException("the ZIP has more than " + maxEntries + " entries");
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("ZIP entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[65536];
                    for (int n; (n = zip.read(buf)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new LimitExceededException("the ZIP expands to more than " + maxBytes + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }

    /** The files of a saved model directory, without checkpoints (they are internal to training). */
    public static boolean isModelFile(String relativePath) {
        return !relativePath.startsWith("checkpoints/");
    }
}
