package dev.netwright.engine.api;

import dev.netwright.engine.train.config.LossKind;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the loose values {@link TrainingSettings#of} gets (JSON numbers and strings, command-line text, a sweep's
 * trial values) as the type of a settings field, and says what is wrong with one that does not read.
 */
final class LooseValues {
    private LooseValues() {
    }

    /** Reads one loose value as the field's type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> T read(RecordComponent c, Object raw) {
        String field = c.getName();
        Class<?> type = c.getType();
        Object value;
        if (type == int.class) {
            double d = numeric(field, raw);
            if (d != Math.rint(d)) {
                throw new InvalidSettingException(field, "must be a whole number, got " + raw);
            }
            if (Math.abs(d) > Integer.MAX_VALUE) {
                String allowed = TrainingSettings.limit(field) != null ? TrainingSettings.describeLimit(field)
                        : "a whole number of at most 10 digits";
                throw new InvalidSettingException(field, "must be " + allowed + ", got " + number(d));
            }
            value = (int) d;
        } else if (type == double.class) {
            value = numeric(field, raw);
        } else if (type == boolean.class) {
            if (raw instanceof Boolean b) {
                value = b;
            } else if ("true".equalsIgnoreCase(raw.toString().strip()) || "false".equalsIgnoreCase(raw.toString()
                    .strip())) {
                value = Boolean.parseBoolean(raw.toString().strip());
            } else {
                throw new InvalidSettingException(field, "must be true or false, got '" + raw + "'");
            }
        } else if (type.isEnum()) {
            value = type.isInstance(raw) ? raw : enumValue((Class) type, field, raw.toString());
        } else if (type == List.class) {
            value = raw instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                    : raw.toString().isBlank() ? List.of() : Arrays.stream(raw.toString().split(","))
                    .map(String::strip).toList();
        } else {
            throw new IllegalStateException("no reader for " + type);
        }
        return (T) value;
    }

    private static double numeric(String field, Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, "must be a number, got '" + raw + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (type == LossKind.class && name.equals("AUTO")) {
            return null; // the launch dialog's and the command line's word for "by task"
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(field, "has an unknown value '" + text + "' ("
                    + Arrays.stream(type.getEnumConstants()).map(TrainingSettings::id)
                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
