package dev.netwright.backend.dataset;

import dev.netwright.backend.api.ApiException;
import dev.netwright.engine.data.images.ImageZipLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts an image-folder ZIP safely. Zip-slip: every entry name is checked to stay inside the target folder
 * (no absolute paths, no {@code ..}, no drive letters or backslashes). Zip bomb: sizes are counted while inflating
 * rather than trusted from the headers, against a total limit, an entry-count limit and a per-entry ratio limit.
 * On any violation the caller deletes the partly extracted folder. Only the pictures the training loader reads
 * are written out: anything else (HTML, SVG, scripts) is counted and skipped, so the dataset folder never holds a
 * file a browser could run.
 */
final class ZipExtractor {
    private static final long RATIO_CHECK_FROM = 1 << 20;

    record Limits(long maxTotalBytes, int maxEntries, int maxRatio) {
    }

    record ClassFolder(String name, int images, List<String> samples) {
    }

    record Summary(String root, List<ClassFolder> classes, int images, int otherFiles, long extractedBytes) {
    }

    private ZipExtractor() {
    }

    static Summary extract(Path zip, Path target, Limits limits) throws IOException {
        Files.createDirectories(target);
        Path base = target.toRealPath();
        List<String> imagePaths = new ArrayList<>();
        int other = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.maxEntries()) {
                throw ApiException.badRequest("the ZIP has " + file.size() + " entries; at most "
                        + limits.maxEntries() + " are accepted");
            }
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                Path out = safeTarget(base, name);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (ignored(name)) {
                    continue;
                }
                if (!isImage(name)) {
                    other++;
                    continue;
                }
                Files.createDirectories(out.getParent());
                long written = 0;
                try (InputStream in = file.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        total += n;
                        if (total > limits.maxTotalBytes()) {
                            throw ApiException.badRequest("the ZIP expands to more than " + limits.maxTotalBytes()
                                    + " bytes (zip-bomb guard); upload a smaller archive");
                        }
                        long compressed = Math.max(1, entry.getCompressedSize());
                        if (written > RATIO_CHECK_FROM && written / compressed > limits.maxRatio()) {
                            throw ApiException.badRequest("ZIP entry '" + name + "' expands more than "
                                    + limits.maxRatio() + " times (zip-bomb guard)");
                        }
                        os.write(buffer, 0, n);
                    }
                }
                imagePaths.add(name);
            }
        } catch (ZipException e) {
            throw ApiException.badRequest("the file is not a readable ZIP archive: " + e.getMessage());
        }
        return summarise(imagePaths, other, total);
    }

    /** Refuses names that would land outside {@code base} once resolved (zip-slip). */
    static Path safeTarget(Path base, String name) {
        String problem = null;
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.indexOf('\0') >= 0) {
            problem = "an absolute path or illegal character";
        } else {
            for (String part : name.split("/")) {
                if (part.equals("..")) {
                    problem = "a '..' path segment";
                    break;
                }
            }
        }
        Path out = base.resolve(name).normalize();
        if (problem == null && !out.startsWith(base)) {
            problem = "a path outside the archive folder";
        }
        if (problem != null) {
            throw ApiException.badRequest("ZIP entry '" + name + "' has " + problem
                    + " (zip-slip guard); the archive was rejected");
        }
        return out;
    }

    private static boolean ignored(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || file.startsWith(".") || file.equalsIgnoreCase("Thumbs.db");
    }

    static boolean isImage(String name) {
        return ImageZipLoader.readsImage(name);
    }

    /**
     * Finds the class folders: {@code class/image.png}, or {@code root/class/image.png} when everything sits in one
     * top folder (as when a folder is zipped).
     */
    static Summary summarise(List<String> images, int other, long bytes) {
        if (images.isEmpty()) {
            throw ApiException.badRequest("the ZIP holds no images (" + ImageZipLoader.IMAGE_TYPES
                    + "); put them into one folder per class, e.g. cats/1.png, dogs/2.png");
        }
        String root = "";
        String firstTop = images.get(0).contains("/") ? images.get(0).substring(0, images.get(0).indexOf('/')) : null;
        boolean oneTop = firstTop != null && images.stream().allMatch(p -> p.startsWith(firstTop + "/"))
                && images.stream().allMatch(p -> p.substring(firstTop.length() + 1).contains("/"));
        if (oneTop) {
            root = firstTop + "/";
        }
        Map<String, List<String>> byClass = new TreeMap<>();
        for (String p : images) {
            String rest = p.substring(root.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                throw ApiException.badRequest("image '" + p + "' is not inside a class folder; put every image into "
                        + "one folder per class, e.g. cats/1.png, dogs/2.png");
            }
            byClass.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(p);
        }
        List<ClassFolder> classes = byClass.entrySet().stream().map(e -> new ClassFolder(e.getKey(),
                e.getValue().size(), e.getValue().stream().limit(3).toList())).toList();
        return new Summary(root, classes, images.size(), other, bytes);
    }
}
