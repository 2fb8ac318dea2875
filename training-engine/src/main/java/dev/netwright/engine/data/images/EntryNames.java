package dev.netwright.engine.data.images;

import java.util.List;

/** Archive entry names: which are safe, which are images, which class folder holds them. */
final class EntryNames {

    /** The picture formats the loader decodes (the JDK's ImageIO readers). */
    static final List<String> IMAGE_TYPES = List.of("png", "jpg", "jpeg", "gif", "bmp");
    private static final List<String> IMAGE_SUFFIXES = IMAGE_TYPES.stream().map(t -> "." + t).toList();

    private EntryNames() {
    }

    /**
     * Reason the name is unsafe, or null. A name that is absolute or climbs with {@code ..} would escape the
     * folder it is extracted to ("zip slip"); such an archive is refused outright even though we do not
     * extract to disk, since it is hostile or broken.
     */
    static String unsafeReason(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/")) {
            return "absolute path";
        }
        if (n.length() > 1 && n.charAt(1) == ':') {
            return "drive-letter path";
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return "path climbs out of the archive with '..'";
            }
        }
        if (n.indexOf('\0') >= 0) {
            return "NUL character in the name";
        }
        return null;
    }

    /** Operating-system litter (macOS resource forks, hidden files) that is skipped silently. */
    static boolean isLitter(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("__MACOSX/")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.startsWith(".") || part.equalsIgnoreCase("Thumbs.db")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImage(String name) {
        String n = name.toLowerCase();
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    /** The folder directly containing the entry, or null for a top-level file. */
    static String classFolder(String name) {
        String[] parts = name.replace('\\', '/').split("/");
        return parts.length < 2 ? null : parts[parts.length - 2];
    }
}
