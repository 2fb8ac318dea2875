package dev.netwright.backend.api;

/**
 * Which page of a list a client asked for: {@code ?page=} (from 0) and {@code ?size=} (1 to {@link #MAX_SIZE},
 * default {@link #DEFAULT_SIZE}). Every list endpoint takes these two parameters and answers a {@link Page}.
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw ApiException.badRequest("'page' must be 0 or more (pages count from 0), not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("'size' must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiException.badRequest("'page' " + page + " is beyond any list");
        }
    }

    public int offset() {
        return page * size;
    }
}
