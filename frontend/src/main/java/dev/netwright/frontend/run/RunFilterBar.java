package dev.netwright.frontend.run;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.netwright.backend.run.RunFilter;
import dev.netwright.backend.run.RunSort;
import dev.netwright.backend.run.RunView;
import dev.netwright.engine.api.RunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The filters and order of a list of runs (the runs page, the trained models): tag, status, design and order go to
 * the server ({@link RunFilter}); the text box narrows what is loaded by anything the rows show (name, tags,
 * design, dataset, result, who).
 */
public final class RunFilterBar extends HorizontalLayout {
    private final TextField text = new TextField();
    private final ComboBox<String> tag = new ComboBox<>();
    private final Select<RunStatus> status = new Select<>();
    private final ComboBox<UUID> design = new ComboBox<>();
    private final ComboBox<RunSort> sort = new ComboBox<>();
    private final RunStatus fixedStatus;

    /**
     * @param tags        the tags used in the project
     * @param runs        the unfiltered runs, for the design choices
     * @param fixedStatus a status the list always shows (the trained models: SUCCEEDED), or null for a status filter
     * @param changed     called with the new filter when tag, status, design or order change
     * @param textChanged called with a row test when the text box changes
     */
    public RunFilterBar(List<String> tags, List<RunView> runs, RunStatus fixedStatus, Consumer<RunFilter> changed,
                        Consumer<Predicate<RunView>> textChanged) {
        this.fixedStatus = fixedStatus;
        text.setPlaceholder("Filter by name, tag, dataset…");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.getElement().setAttribute("data-testid", "runs-filter");
        text.addValueChangeListener(e -> {
            String q = e.getValue().strip().toLowerCase(Locale.ROOT);
            textChanged.accept(r -> q.isEmpty() || words(r).contains(q));
        });

        tag.setPlaceholder("Any tag");
        tag.setItems(tags);
        tag.setClearButtonVisible(true);
        tag.getElement().setAttribute("data-testid", "runs-tag-filter");

        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.setItems(RunStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any status" : s.name().toLowerCase(Locale.ROOT));
        status.getElement().setAttribute("data-testid", "runs-status-filter");
        status.setVisible(fixedStatus == null);

        Map<UUID, String> designs = new LinkedHashMap<>();
        runs.forEach(r -> designs.putIfAbsent(r.designId(), r.designName()));
        design.setPlaceholder("Any design");
        design.setItems(designs.keySet());
        design.setItemLabelGenerator(designs::get);
        design.setClearButtonVisible(true);
        design.getElement().setAttribute("data-testid", "runs-design-filter");

        sort.setItems(RunSort.values());
        sort.setItemLabelGenerator(RunFilterBar::label);
        sort.setValue(RunSort.NEWEST);
        sort.setAllowCustomValue(false);
        sort.setWidth("17rem");
        sort.setPrefixComponent(new com.vaadin.flow.component.html.Span("Sort:"));
        sort.getElement().setAttribute("data-testid", "runs-sort");

        tag.addValueChangeListener(e -> changed.accept(filter()));
        status.addValueChangeListener(e -> changed.accept(filter()));
        design.addValueChangeListener(e -> changed.accept(filter()));
        sort.addValueChangeListener(e -> changed.accept(filter()));
        setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        addClassName("nw-wrap");
        add(text, tag, status, design, sort);
    }

    /** The server side of the current choice. */
    public RunFilter filter() {
        return new RunFilter(null, tag.getValue(), fixedStatus != null ? fixedStatus : status.getValue(),
                design.getValue(), sort.getValue());
    }

    private static String label(RunSort s) {
        return switch (s) {
            case NEWEST -> "newest first";
            case OLDEST -> "oldest first";
            case NAME -> "name";
            case ACCURACY -> "best test accuracy";
            case LOSS -> "lowest test loss";
            case RMSE -> "lowest test RMSE";
        };
    }

    private static String words(RunView r) {
        return String.join(" ", r.name(), String.join(" ", r.tags()), r.status().name(),
                r.designName() + " v" + r.designVersion(), r.datasetSummary(), RunSummaries.origin(r),
                RunSummaries.keyMetric(r), r.createdBy()).toLowerCase(Locale.ROOT);
    }
}
