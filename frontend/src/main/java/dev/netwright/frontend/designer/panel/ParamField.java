package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import dev.netwright.designer.catalog.ParamSpec;
import java.util.function.Consumer;

/**
 * An editor for one layer parameter, typed after its {@link ParamSpec}. It reports a new value (null: back to the
 * default) only when the input parses; what the value means is then judged by the analysis, whose message comes
 * back through {@link #showProblem}.
 */
interface ParamField {

    Component component();

    /** Shows the node's current value (null when the parameter is not set). */
    void show(Object value);

    /** Shows the analysis message for this parameter, or clears it when null. */
    void showProblem(String message);

    /** Where a field's user edits go. */
    interface Edits {
        /** The user set the parameter to {@code value} (null: back to the default). */
        void set(Object value);

        /**
         * The user typed {@code value} over {@code seen}, which the layer no longer has: a co-editor changed it and
         * the browser had not shown that yet.
         */
        void setOver(Object seen, Object value);
    }

    static ParamField forSpec(ParamSpec spec, Edits edits) {
        return switch (spec.type()) {
            case INT -> new IntParamField(spec, edits);
            case FLOAT -> new FloatParamField(spec, edits);
            case BOOL -> new BoolParamField(spec, edits::set);
            case CHOICE -> new ChoiceParamField(spec, edits::set);
            case INT_LIST, INT_PER_AXIS -> new ListParamField(spec, edits);
        };
    }

    /**
     * What every parameter editor shares: the parameter's name as label, its description as helper text, a
     * {@code data-param} attribute for tests, and user edits (not programmatic ones) reported to {@code onChange}.
     */
    static <F extends Component & HasLabel & HasHelper & HasValue<?, ?>> F describe(F field, ParamSpec spec,
                                                                                 Consumer<Object> onChange) {
        label(field, spec);
        field.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                onChange.accept(e.getValue());
            }
        });
        return field;
    }

    /** The parameter's name as label, its description as helper text, a {@code data-param} attribute for tests. */
    static <F extends Component & HasLabel & HasHelper> void label(F field, ParamSpec spec) {
        field.setLabel(spec.name());
        field.setHelperText(spec.description());
        field.getElement().setAttribute("data-param", spec.name());
    }

    /** The label/placeholder text saying what an unset parameter means. */
    static String defaultText(ParamSpec spec) {
        if (spec.defaultValue() != null) {
            return "default " + ListParamField.format(spec.defaultValue());
        }
        return spec.optional() ? "derived" : "required";
    }
}
