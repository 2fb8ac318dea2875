package dev.netwright.designer.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The error-collecting base of reading a design document: every problem is recorded with its JSON path and reading
 * goes on, so one pass reports them all; the typed field getters record a missing or mistyped field the same way.
 */
class JsonFields {
    final List<FormatError> errors = new ArrayList<>();

    /** What one part read to, or every error met reading it. */
    <T> T single(T read, String path, String expected) throws DesignFormatException {
        if (!errors.isEmpty()) {
            throw new DesignFormatException(errors);
        }
        if (read == null) {
            throw new DesignFormatException(List.of(new FormatError(path, "expected " + expected)));
        }
        return read;
    }

    String text(JsonNode o, String path, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FormatError(path + "." + field, "missing required field '" + field + "'"));
            }
            return null;
        }
        if (!v.isString()) {
            errors.add(new FormatError(path + "." + field, "'" + field + "' must be a string"));
            return null;
        }
        return v.stringValue();
    }

    JsonNode array(JsonNode o, String path, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FormatError(path + "." + field, "missing required field '" + field + "'"));
            }
            return null;
        }
        if (!v.isArray()) {
            errors.add(new FormatError(path + "." + field, "'" + field + "' must be a list"));
            return null;
        }
        return v;
    }

    void unknownFields(JsonNode o, String path, Set<String> known) {
        for (String name : o.propertyNames()) {
            if (!known.contains(name)) {
                errors.add(new FormatError(path + "." + name, "unknown field '" + name + "'; known: "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
