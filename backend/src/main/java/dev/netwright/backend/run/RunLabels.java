package dev.netwright.backend.run;

import dev.netwright.backend.api.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for a run's name and tags, checked before anything is stored so that a bad one is refused with a
 * message naming the field and what is wrong. Tags are kept in lower case, so that filtering by "Baseline" finds
 * "baseline"; repeated tags are kept once.
 */
public final class RunLabels {
    public static final int MAX_NAME = 100;
    public static final int MAX_TAG = 32;
    public static final int MAX_TAGS = 10;
    /** letters and digits, then also . _ - (so "v2.1", "lr-sweep", "batch_64"); no spaces, no commas */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*");

    private RunLabels() {
    }

    /** The name to store: trimmed, 1 to {@value #MAX_NAME} characters, no control characters. */
    public static String name(String name) {
        String n = name.strip();
        if (n.isEmpty()) {
            throw ApiException.badRequest("'name' must not be empty");
        }
        if (n.codePointCount(0, n.length()) > MAX_NAME) {
            throw ApiException.badRequest("'name' must be at most " + MAX_NAME + " characters, got "
                    + n.codePointCount(0, n.length()));
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'name' must not contain control characters such as line breaks or tabs");
        }
        return n;
    }

    /** The tags to store: each checked, lower-cased, duplicates dropped, at most {@value #MAX_TAGS}. */
    public static List<String> tags(List<String> tags) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            kept.add(tag(tags.get(i), "'tags[" + i + "]'"));
        }
        if (kept.size() > MAX_TAGS) {
            throw ApiException.badRequest("'tags' may hold at most " + MAX_TAGS + " tags, got " + kept.size());
        }
        return new ArrayList<>(kept);
    }

    /** One tag, e.g. from a filter: trimmed and lower-cased; {@code where} names it in the error. */
    public static String tag(String tag, String where) {
        if (tag == null || tag.isBlank()) {
            throw ApiException.badRequest(where + " must not be empty");
        }
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (t.codePointCount(0, t.length()) > MAX_TAG) {
            throw ApiException.badRequest(where + " ('" + t + "') must be at most " + MAX_TAG + " characters");
        }
        if (!TAG.matcher(t).matches()) {
            throw ApiException.badRequest(where + " ('" + t + "') may hold only letters, digits and . _ - "
                    + "and must start with a letter or digit");
        }
        return t;
    }
}
