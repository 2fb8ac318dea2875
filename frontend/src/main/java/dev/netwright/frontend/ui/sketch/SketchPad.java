package dev.netwright.frontend.ui.sketch;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

/**
 * A square drawing pad (nw-sketch-pad.ts): white strokes on black, the look of MNIST-style images.
 * The server reads the drawing at the model's input size.
 */
@Tag("nw-sketch-pad")
@JsModule("./ui/nw-sketch-pad.ts")
public class SketchPad extends Component implements HasSize {

    public SketchPad() {
        setWidth("280px");
        setHeight("280px");
    }

    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** Reads the drawing scaled to width x height as grey values in [0,1], row-major. */
    public void readPixels(int width, int height, SerializableConsumer<float[]> receiver) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("pixel size must be positive, was " + width + "x" + height);
        }
        getElement().callJsFunction("pixels", width, height).then(String.class, text -> {
            String[] parts = text.isEmpty() ? new String[0] : text.split(",");
            float[] values = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = Float.parseFloat(parts[i]);
            }
            receiver.accept(values);
        });
    }

    /** Fired when the user finishes a stroke. */
    public Registration addStrokeListener(ComponentEventListener<StrokeEvent> listener) {
        return addListener(StrokeEvent.class, listener);
    }

    @DomEvent("nw-sketch-change")
    public static class StrokeEvent extends ComponentEvent<SketchPad> {
        public StrokeEvent(SketchPad source, boolean fromClient) {
            super(source, fromClient);
        }
    }
}
