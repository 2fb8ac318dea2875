package dev.netwright.engine.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One field of {@link TrainingSettings} as its JSON form shows it, read from the record itself, so that a document
 * describing the settings (the REST API's OpenAPI schema) follows the record instead of being a second list.
 *
 * @param name         the JSON property
 * @param type         its JSON type (an enum field is a string of one of {@code choices})
 * @param choices      an enum field's value ids ({@code "adam"}, {@code "softmax-cross-entropy"}); empty otherwise
 * @param defaultValue the value a left-out field takes, in the JSON form; null where it is chosen at run time (the
 *                     loss by the task, the devices by the worker)
 * @param min          the lower limit of a numeric field, or null
 * @param max          the upper limit of a numeric field, or null
 */
public record SettingField(String name, JsonType type, List<String> choices, Object defaultValue, Double min,
                           Double max, boolean minExclusive, boolean maxExclusive) {

    /** The JSON types the settings use. */
    public enum JsonType { INTEGER, NUMBER, BOOLEAN, STRING }

    public SettingField {
        choices = List.copyOf(choices);
    }

    /** Every field of the settings, in the record's order. */
    public static List<SettingField> all() {
        Map<String, Object> defaults = TrainingSettings.DEFAULTS.toMap();
        return Arrays.stream(TrainingSettings.class.getRecordComponents())
                .map(c -> of(c, defaults.get(c.getName()))).toList();
    }

    private static SettingField of(RecordComponent c, Object defaultValue) {
        Class<?> t = c.getType();
        Limit limit = c.getAnnotation(Limit.class);
        JsonType type = t == int.class || t == long.class ? JsonType.INTEGER
                : t == double.class || t == float.class ? JsonType.NUMBER
                : t == boolean.class ? JsonType.BOOLEAN
                : JsonType.STRING; // enums by id, and the devices as a comma-separated list
        List<String> choices = t.isEnum()
                ? Arrays.stream(t.getEnumConstants()).map(e -> TrainingSettings.id((Enum<?>) e)).toList()
                : List.of();
        return new SettingField(c.getName(), type, choices, defaultValue, limit == null ? null : limit.min(),
                limit == null ? null : limit.max(), limit != null && limit.minExclusive(),
                limit != null && limit.maxExclusive());
    }
}
