package dev.netwright.backend.api;

import dev.netwright.engine.api.SettingField;
import dev.netwright.engine.api.TrainingSettings;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.Iterator;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI schema of {@link TrainingSettings}. Its JSON form is written by {@code @JsonValue} as a map, which
 * springdoc can only show as an open object; this converter describes the flat object instead (each field's type,
 * its enum ids, default and limits), read from the record through {@link SettingField}, so the document follows the
 * record. The JSON on the wire is untouched. A run's or a sweep's {@code config} in a view refers to it with
 * {@code @Schema(implementation = TrainingSettings.class)}.
 */
@Component
class TrainingSettingsSchema implements ModelConverter {
    static final String NAME = "TrainingSettings";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null && Json.mapper().constructType(type.getType()).getRawClass()
                == TrainingSettings.class) {
            if (context.getDefinedModels().get(NAME) == null) {
                context.defineModel(NAME, schema());
            }
            return new Schema<>().$ref("#/components/schemas/" + NAME);
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }

    static Schema<?> schema() {
        Schema<?> settings = new ObjectSchema().name(NAME).description("Training settings: a field left out or null "
                + "takes its default. Enum values are lower-case ids with hyphens; devices is a comma-separated list "
                + "of device names (cpu, gpu0, ...), null for automatic.");
        for (SettingField f : SettingField.all()) {
            settings.addProperty(f.name(), property(f));
        }
        return settings;
    }

    private static Schema<?> property(SettingField f) {
        Schema<?> p = switch (f.type()) {
            case INTEGER -> new IntegerSchema();
            case NUMBER -> new NumberSchema();
            case BOOLEAN -> new BooleanSchema();
            case STRING -> {
                StringSchema s = new StringSchema();
                f.choices().forEach(s::addEnumItem);
                yield s;
            }
        };
        if (f.defaultValue() != null) {
            p.setDefault(f.defaultValue());
        } else {
            p.setNullable(true);
        }
        if (f.min() != null) {
            p.setMinimum(BigDecimal.valueOf(f.min()));
            p.setMaximum(BigDecimal.valueOf(f.max()));
            if (f.minExclusive()) {
                p.setExclusiveMinimum(true);
            }
            if (f.maxExclusive()) {
                p.setExclusiveMaximum(true);
            }
        }
        return p;
    }
}
