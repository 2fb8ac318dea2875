package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** The keyboard shortcuts and mouse gestures of the canvas (opened with ? or the toolbar). */
final class ShortcutsHelp extends Dialog {
    private record Shortcut(String keys, String what) {
    }

    private static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Drag from palette", "add a layer where you drop it (or click it in the palette)"),
            new Shortcut("Drag output ● to input ●", "connect two layers; merges have one port per input"),
            new Shortcut("Click / Shift+click", "select a layer / add to the selection"),
            new Shortcut("Shift+drag on empty canvas", "select everything in a rectangle"),
            new Shortcut("Delete or Backspace", "delete the selected layers and connections"),
            new Shortcut("Ctrl+C, Ctrl+V", "copy and paste the selected layers with their connections"),
            new Shortcut("Ctrl+A", "select all layers"),
            new Shortcut("Ctrl+Z", "undo"),
            new Shortcut("Ctrl+Shift+Z or Ctrl+Y", "redo"),
            new Shortcut("L", "auto-layout the design"),
            new Shortcut("F", "fit the whole design in view"),
            new Shortcut("Mouse wheel, drag empty canvas", "zoom, pan"),
            new Shortcut("?", "show this help"));

    ShortcutsHelp() {
        setHeaderTitle("Keyboard shortcuts");
        getElement().setAttribute("data-testid", "shortcuts-help");
        Div table = new Div();
        table.addClassName("nw-shortcuts");
        for (Shortcut s : SHORTCUTS) {
            Span keys = new Span(s.keys());
            keys.addClassName("nw-keys");
            table.add(keys, new Span(s.what()));
        }
        add(table);
        getFooter().add(new Button("Close", e -> close()));
    }
}
