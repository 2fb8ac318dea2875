package dev.netwright.engine.worker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a run that ran out of memory (the JVM's heap, or libtorch failing to allocate a tensor) and says so in
 * words, so that the run fails with a reason the user can act on while the worker goes on serving.
 */
final class MemoryFailure {
    private static final Pattern NATIVE = Pattern.compile(
            "can't allocate memory|CUDA out of memory|out of memory|std::bad_alloc", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRIED = Pattern.compile("tried to allocate (\\d+) bytes");

    private MemoryFailure() {
    }

    /** The failure message when {@code failure} (or one of its causes) is an allocation failure. */
    static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return Optional.of("out of memory: the worker's Java heap is full (" + t.getMessage() + "); train a "
                        + "smaller design, a smaller batch or a smaller dataset, or use a worker with more memory");
            }
            String message = String.valueOf(t.getMessage());
            if (NATIVE.matcher(message).find()) {
                Matcher m = TRIED.matcher(message);
                String size = m.find() ? " (it tried to allocate " + bytes(Long.parseLong(m.group(1))) + " at once)"
                        : "";
                return Optional.of("out of memory: the training engine could not allocate memory" + size
                        + "; train a smaller design or a smaller batch, or use a worker with more memory");
            }
        }
        return Optional.empty();
    }

    /** Bytes in decimal units, as memory is sold: "4.4 TB", "512 MB". */
    static String bytes(long n) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? n + " bytes" : (v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]));
    }
}
