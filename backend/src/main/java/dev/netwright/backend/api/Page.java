package dev.netwright.backend.api;

import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list answer: the items, where they are in the whole list ({@code page}, {@code size}, {@code total})
 * and {@code next}, the path of the following page (absent on the last page).
 */
public record Page<T>(List<T> items, int page, int size, long total, String next) {

    /** A page whose items the database already cut out; {@code total} counts the whole list. */
    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        boolean more = (long) request.offset() + items.size() < total;
        return new Page<>(List.copyOf(items), request.page(), request.size(), total, more ? nextPath(request) : null);
    }

    /** A page cut from a list that is small enough to load whole (members, invitations, tokens). */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return of(all.subList(from, to), all.size(), request);
    }

    private static String nextPath(PageRequest request) {
        // the current request's path and filters, with the page moved on by one
        var next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", request.page() + 1)
                .replaceQueryParam("size", request.size()).build();
        return next.getPath() + "?" + next.getQuery();
    }
}
