package dev.netwright.frontend.designer.canvas;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * The React Flow canvas (design-canvas.tsx) as a server-side component: the server sets the palette and the
 * canvas model; the browser reports gestures as {@link CanvasCommand}s. The canvas never edits the design itself.
 */
@Tag("nw-design-canvas")
@JsModule("./designer/design-canvas.tsx")
@NpmPackage(value = "@xyflow/react", version = "12.12.1")
public class DesignCanvas extends ReactAdapterComponent implements HasSize {

    public DesignCanvas(List<PaletteEntry> palette) {
        setState("palette", palette);
    }

    /** Replaces the palette (a stored design's palette also offers its workspace's blocks). */
    public void setPalette(List<PaletteEntry> palette) {
        setState("palette", palette);
    }

    public void show(CanvasModel model) {
        setState("model", model);
    }

    public Registration addCommandListener(ComponentEventListener<CommandEvent> listener) {
        return addListener(CommandEvent.class, listener);
    }

    /** One gesture from the browser, as the JSON text the canvas sent. */
    @DomEvent("nw-command")
    public static class CommandEvent extends ComponentEvent<DesignCanvas> {
        private final String json;

        public CommandEvent(DesignCanvas source, boolean fromClient, @EventData("event.detail") String json) {
            super(source, fromClient);
            this.json = json;
        }

        public CanvasCommand command() {
            return CanvasCommand.parse(json);
        }
    }
}
