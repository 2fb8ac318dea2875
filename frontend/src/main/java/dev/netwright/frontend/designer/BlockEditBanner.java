package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockEditing;
import dev.netwright.designer.block.BlockParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shown above the canvas while a block is open for editing: which block and version, its declared inputs and output,
 * its exposed parameters with the inner parameters bound to them, its documentation (editable), and the buttons that
 * save the next version or go back to the design.
 */
final class BlockEditBanner extends Div {
    private final TextField documentation = new TextField("Documentation");

    BlockEditBanner(BlockEditing.Editing editing, int latest, Runnable save, Runnable close) {
        BlockDefinition block = editing.block();
        addClassName("nw-block-banner");
        getElement().setAttribute("data-testid", "block-editing");
        getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "end").set("gap", "12px")
                .set("padding", "6px 12px").set("background", "var(--lumo-primary-color-10pct)");
        Span title = new Span("Editing block " + block.name() + " (version " + block.version() + "): saving makes "
                + "version " + (latest + 1) + " of the workspace's library");
        title.getStyle().set("font-weight", "600");
        Span ports = new Span("inputs: " + String.join(", ", block.inputs()) + " (the Input layers) · output: "
                + block.output() + " · exposed: " + exposed(editing));
        ports.getElement().setAttribute("data-testid", "block-ports");
        documentation.setValue(block.description());
        documentation.setWidth("28em");
        documentation.getElement().setAttribute("data-testid", "block-documentation");
        Button saveButton = new Button("Save as version " + (latest + 1), e -> save.run());
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.getElement().setAttribute("data-testid", "save-block");
        Button closeButton = new Button("Back to the design", e -> close.run());
        closeButton.getElement().setAttribute("data-testid", "close-block");
        Div text = new Div(title, new Div(ports));
        add(text, documentation, saveButton, closeButton);
    }

    String documentation() {
        return documentation.getValue().strip();
    }

    /** {@code filters (64) → conv1.filters, conv2.filters}, per exposed parameter. */
    private static String exposed(BlockEditing.Editing editing) {
        if (editing.block().params().isEmpty()) {
            return "none";
        }
        Map<String, List<String>> users = new TreeMap<>();
        editing.bindings().forEach((node, params) -> params.forEach((param, bound) ->
                users.computeIfAbsent(bound.exposed(), k -> new ArrayList<>()).add(node + "." + param)));
        List<String> parts = new ArrayList<>();
        for (BlockParam p : editing.block().params()) {
            List<String> at = users.getOrDefault(p.name(), List.of()).stream().sorted().toList();
            parts.add(p.name() + " (default " + p.defaultValue() + ")" + (at.isEmpty() ? "" : " → "
                    + String.join(", ", at)));
        }
        return String.join("; ", parts);
    }
}
