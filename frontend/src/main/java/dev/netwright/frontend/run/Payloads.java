package dev.netwright.frontend.run;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Reading the workers' metric payloads, whose optional values arrive as null or absent. */
final class Payloads {
    private Payloads() {
    }

    /** The number at {@code field}, or NaN when it is missing or null. */
    static double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** A duration written either as seconds or as ISO-8601 text ("PT1.5S"); null when absent. */
    static Duration duration(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Duration.ofNanos(Math.round(v.asDouble() * 1e9));
        }
        try {
            return Duration.parse(v.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
