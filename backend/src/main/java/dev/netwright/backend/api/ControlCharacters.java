package dev.netwright.backend.api;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The one rule for text that clients send: printable characters, tabs and line breaks. Control characters (NUL above
 * all, which PostgreSQL cannot store) and unpaired surrogate halves are refused with a 400 that names the field,
 * whether the text arrives as a JSON field (typed record or free-form document), a JSON object key, or a query or
 * form parameter.
 */
public final class ControlCharacters {
    private static final int MAX_DEPTH = 256;

    private ControlCharacters() {
    }

    /** Why {@code text} is not acceptable, or null. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
            if (control) {
                return String.format("contains the control character U+%04X at position %d; text may hold "
                        + "printable characters, tabs and line breaks only", (int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains half of a surrogate pair at position " + (i + 1) + "; it is not valid Unicode text";
            }
        }
        return null;
    }

    /** Throws a 400 naming {@code field} when its text has a control character. */
    public static void require(String field, String text) {
        String problem = text == null ? null : problem(text);
        if (problem != null) {
            throw ApiException.badRequest("'" + field + "' " + problem,
                    Map.of("errors", List.of(new FieldProblem(field, problem))));
        }
    }

    /**
     * Checks every string inside a request body: records (by component), JSON trees, collections, maps (keys too)
     * and arrays. {@code path} names the body's root, e.g. {@code ""} for a JSON body.
     */
    public static void requireIn(String path, Object value) {
        walk(path, value, 0);
    }

    private static void walk(String path, Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        switch (value) {
            case String s -> require(path.isEmpty() ? "body" : path, s);
            case JsonNode node -> walkJson(path, node, depth);
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    Class<?> type = c.getType();
                    if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type.isEnum()
                            || type == Boolean.class || type == java.util.UUID.class) {
                        continue;
                    }
                    try {
                        c.getAccessor().setAccessible(true);
                        walk(join(path, c.getName()), c.getAccessor().invoke(r), depth + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c, e);
                    }
                }
            }
            case Map<?, ?> m -> m.forEach((k, v) -> {
                String key = String.valueOf(k);
                require(join(path, key), key);
                walk(join(path, key), v, depth + 1);
            });
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) {
                    walk(path + "[" + i++ + "]", item, depth + 1);
                }
            }
            case Object[] items -> {
                for (int i = 0; i < items.length; i++) {
                    walk(path + "[" + i + "]", items[i], depth + 1);
                }
            }
            default -> {
            }
        }
    }

    private static void walkJson(String path, JsonNode node, int depth) {
        if (node.isString()) {
            require(path.isEmpty() ? "body" : path, node.asString());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                // numbers, booleans and nulls hold no text: no path for them (a batch of images is 200,000 numbers)
                if (item.isString() || item.isContainer()) {
                    walkJson(path + "[" + i + "]", item, depth + 1);
                }
            }
        } else if (node.isObject() && depth <= MAX_DEPTH) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                require(join(path, e.getKey()), e.getKey());
                walkJson(join(path, e.getKey()), e.getValue(), depth + 1);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
