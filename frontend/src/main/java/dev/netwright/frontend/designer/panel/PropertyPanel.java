package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.analysis.Problem;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.model.Node;
import dev.netwright.frontend.designer.canvas.Numbers;
import dev.netwright.frontend.designer.session.LayerRanges;
import dev.netwright.frontend.sweep.SweepRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits the selected layer: its name and every parameter with a field typed after the catalog, each showing the
 * analysis message that concerns it. Rebuilt only when another layer is selected, so typing is never interrupted.
 */
public final class PropertyPanel extends VerticalLayout {

    /** What the panel asks of the designer. */
    public interface Actions {
        void setParam(String nodeId, String param, Object value);

        /**
         * The user typed {@code value} over {@code seen}, an older value than the layer's (a co-editor's change had
         * not reached their browser yet).
         */
        void setParamOver(String nodeId, String param, Object seen, Object value);

        void rename(String nodeId, String newId);

        void delete(List<String> nodeIds);
    }

    private final Actions actions;
    private final Map<String, ParamField> fields = new LinkedHashMap<>();
    private final Map<String, Span> rangeMarks = new LinkedHashMap<>();
    private LayerRanges ranges;
    private Runnable rangesChanged;
    private final Div nodeProblems = new Div();
    private final Span outputInfo = new Span();
    private TextField nameField;
    private String shownId;
    private String shownType;

    public PropertyPanel(Actions actions) {
        this.actions = actions;
        addClassName("nw-properties");
        setPadding(true);
        setSpacing(false);
        getElement().setAttribute("data-testid", "property-panel");
        showNothing(0, List.of());
    }

    /**
     * Offers a sweep range beside every numeric or choice parameter, kept in {@code ranges}; {@code changed} runs
     * after each change (the canvas marks layers with ranges). Only a stored design can be swept, so the scratch
     * designer never calls this.
     */
    public void enableRanges(LayerRanges layerRanges, Runnable changed) {
        ranges = layerRanges;
        rangesChanged = changed;
        shownId = null;
    }

    /** No layer or several layers selected; problems of the design as a whole are listed here. */
    public void showNothing(int selectedCount, List<Problem> designProblems) {
        showNothing(selectedCount);
        if (!designProblems.isEmpty()) {
            add(new H4("Problems with the whole design"));
        }
        for (Problem p : designProblems) {
            add(problemBox(p));
        }
    }

    private void showNothing(int selectedCount) {
        shownId = null;
        shownType = null;
        fields.clear();
        rangeMarks.clear();
        removeAll();
        add(new H3(selectedCount > 1 ? selectedCount + " layers selected" : "Properties"));
        if (selectedCount > 1) {
            add(new Paragraph("Press Delete to remove them, Ctrl+C / Ctrl+V to duplicate them, "
                    + "or select one layer to edit it."));
        } else {
            add(new Paragraph("Select a layer on the canvas to edit its parameters here."));
        }
    }

    public void showNode(Node node, LayerKind kind, NodeReport report, List<String> selection) {
        if (!node.id().equals(shownId) || !kind.type().equals(shownType)) {
            build(node, kind, selection);
        }
        nameField.setValue(node.id());
        nameField.setInvalid(false);
        for (Map.Entry<String, ParamField> f : fields.entrySet()) {
            f.getValue().show(node.params().get(f.getKey()));
            f.getValue().showProblem(null);
        }
        showRanges(node.id());
        nodeProblems.removeAll();
        List<Problem> problems = report == null ? List.of() : report.problems();
        for (Problem p : problems) {
            ParamField field = p.param() == null ? null : fields.get(p.param());
            String text = p.message() + (p.hint() == null || p.hint().isBlank() ? "" : " — " + p.hint());
            if (field != null) {
                field.showProblem(text);
            } else {
                nodeProblems.add(problemBox(p));
            }
        }
        if (report != null && report.outputShape() != null) {
            outputInfo.setText("Output " + report.outputShape() + " · "
                    + Numbers.grouped(report.cost().totalParams()) + " parameters · "
                    + Numbers.compact(report.cost().multiplyAdds()) + " multiply-adds");
        } else {
            outputInfo.setText("Output shape unknown: fix the problems on this layer or on the layers feeding it");
        }
    }

    /** The field with its sweep button beside it and, under it, the range it has (if any). */
    private Div withRange(ParamSpec spec, ParamField field) {
        Button sweep = new Button(VaadinIcon.FLASK.create(), e -> editRange(spec));
        sweep.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        sweep.setAriaLabel("Sweep range of " + spec.name());
        sweep.setTooltipText("Try several values of " + spec.name() + " in a sweep");
        sweep.getElement().setAttribute("data-testid", "sweep-range-" + spec.name());
        HorizontalLayout row = new HorizontalLayout(field.component(), sweep);
        row.setFlexGrow(1, field.component());
        row.setAlignItems(Alignment.BASELINE);
        row.setWidthFull();
        row.setSpacing(false);
        Span mark = new Span();
        mark.addClassName("nw-sweep-mark");
        mark.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-primary-text-color)").set("margin-bottom", "var(--lumo-space-xs)");
        mark.getElement().setAttribute("data-testid", "sweep-mark-" + spec.name());
        mark.setVisible(false);
        rangeMarks.put(spec.name(), mark);
        return new Div(row, mark);
    }

    private void editRange(ParamSpec spec) {
        String nodeId = shownId;
        new SweepRangeDialog(nodeId, new ParamRangeRules(spec), ranges.of(nodeId).get(spec.name()), range -> {
            ranges.set(nodeId, spec.name(), range);
            rangesChanged.run();
        }, () -> {
            ranges.remove(nodeId, spec.name());
            rangesChanged.run();
        }).open();
    }

    private void showRanges(String nodeId) {
        Map<String, SweepRange> set = ranges == null ? Map.of() : ranges.of(nodeId);
        rangeMarks.forEach((param, mark) -> {
            SweepRange range = set.get(param);
            mark.setVisible(range != null);
            mark.setText(range == null ? "" : param + ": sweep " + range.label());
        });
    }

    private static Div problemBox(Problem p) {
        Div d = new Div(new Span(p.message()));
        if (p.hint() != null && !p.hint().isBlank()) {
            Span hint = new Span(p.hint());
            hint.addClassName("nw-hint");
            d.add(hint);
        }
        d.addClassName("nw-node-problem");
        return d;
    }

    private void build(Node node, LayerKind kind, List<String> selection) {
        shownId = node.id();
        shownType = kind.type();
        fields.clear();
        rangeMarks.clear();
        removeAll();
        H3 title = new H3(kind.type());
        Span category = new Span(kind.category().label());
        category.addClassName("nw-category-badge");
        Paragraph description = new Paragraph(kind.description());
        description.addClassName("nw-description");
        outputInfo.addClassName("nw-output-info");
        outputInfo.getElement().setAttribute("data-testid", "selected-output");
        nodeProblems.addClassName("nw-panel-problems");

        nameField = new TextField("name");
        nameField.setWidthFull();
        nameField.setHelperText("unique id of this layer in the design");
        nameField.getElement().setAttribute("data-param", "@id");
        nameField.addValueChangeListener(e -> {
            if (e.isFromClient() && !e.getValue().equals(shownId)) {
                try {
                    actions.rename(shownId, e.getValue());
                } catch (IllegalArgumentException ex) {
                    nameField.setInvalid(true);
                    nameField.setErrorMessage(ex.getMessage());
                }
            }
        });
        add(title, category, description, outputInfo, nodeProblems, nameField);
        for (ParamSpec spec : kind.params()) {
            ParamField field = ParamField.forSpec(spec, new ParamField.Edits() {
                @Override
                public void set(Object value) {
                    actions.setParam(shownId, spec.name(), value);
                }

                @Override
                public void setOver(Object seen, Object value) {
                    actions.setParamOver(shownId, spec.name(), seen, value);
                }
            });
            fields.put(spec.name(), field);
            add(ranges != null && ParamRangeRules.sweepable(spec) ? withRange(spec, field) : field.component());
        }
        if (kind.params().isEmpty()) {
            add(new Paragraph(kind.type() + " has no parameters."));
        }
        Button delete = new Button("Delete layer", e -> actions.delete(List.of(shownId)));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        add(delete);
    }
}
