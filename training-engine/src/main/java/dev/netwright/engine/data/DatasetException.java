package dev.netwright.engine.data;

/**
 * Data that cannot be loaded or used. The message always says where (file, and line, column or archive
 * entry when known) and why, because users fix their files from this message alone.
 */
public class DatasetException extends RuntimeException {

    private final String source;
    private final String location;

    public DatasetException(String source, String location, String reason) {
        this(source, location, reason, null);
    }

    public DatasetException(String source, String location, String reason, Throwable cause) {
        super(format(source, location, reason), cause);
        this.source = source;
        this.location = location;
    }

    /** The file, archive or dataset id the problem is in. */
    String source() {
        return source;
    }

    /** Line, column or entry inside the source; null when the problem concerns the whole source. */
    String location() {
        return location;
    }

    private static String format(String source, String location, String reason) {
        return location == null ? source + ": " + reason : source + ", " + location + ": " + reason;
    }
}
