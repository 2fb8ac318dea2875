package dev.netwright.engine.api;

/**
 * A training setting that does not fit. {@link #field()} is its name in {@link TrainingSettings} and in the JSON, so
 * the REST API and the launch dialog can point at it; the message is {@code 'field' problem}, e.g. {@code 'epochs'
 * must be between 1 and 10,000, got 100,000}, and {@link #problem()} the part after the name.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    InvalidSettingException(String field, String problem) {
        this(field, problem, "'" + field + "' " + problem);
    }

    private InvalidSettingException(String field, String problem, String message) {
        super(message);
        this.field = field;
        this.problem = problem;
    }

    /** A name that is no field of the settings. */
    static InvalidSettingException unknownField(String name, Iterable<String> fields) {
        return new InvalidSettingException(name, "is no training option",
                "no training option '" + name + "'; options are " + String.join(", ", fields));
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field's name: "must be between 1 and 10,000, got 100,000". */
    public String problem() {
        return problem;
    }
}
