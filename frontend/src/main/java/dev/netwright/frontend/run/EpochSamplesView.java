package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * A GAN run's pictures of generated samples, one per epoch, as they arrive while the run goes: shows the newest, and
 * an epoch picker goes back to earlier ones. While the newest is picked, a new epoch's picture replaces it; once the
 * user picks an earlier one, it stays until they pick again.
 */
final class EpochSamplesView extends Div {
    private final IntFunction<Optional<byte[]>> pictures;
    private final TreeSet<Integer> epochs = new TreeSet<>();
    private final Select<Integer> picker = new Select<>();
    private final Image image = new Image();
    private boolean updating;

    /** @param pictures loads the PNG of an epoch (empty when it is gone) */
    EpochSamplesView(IntFunction<Optional<byte[]>> pictures) {
        this.pictures = pictures;
        getElement().setAttribute("data-testid", "live-samples");
        picker.setLabel("Epoch");
        picker.setItemLabelGenerator(e -> "epoch " + e);
        picker.getElement().setAttribute("data-testid", "samples-epoch");
        picker.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                show(e.getValue());
            }
        });
        image.addClassName("nw-samples");
        image.getElement().setAttribute("data-testid", "samples-image");
        add(new H3("Generated samples"), picker, new Div(image));
        setVisible(false);
    }

    /** A new epoch's picture was stored (or announced again); shows it if the user follows the newest. */
    void addEpoch(int epoch) {
        Integer picked = picker.getValue();
        boolean following = picked == null || epochs.isEmpty() || picked.equals(epochs.last());
        if (!epochs.add(epoch)) {
            return;
        }
        updating = true;
        try {
            picker.setItems(List.copyOf(epochs.descendingSet()));
            Integer keep = following ? epochs.last() : picked;
            picker.setValue(keep);
        } finally {
            updating = false;
        }
        setVisible(true);
        if (following) {
            show(epochs.last()); // an earlier epoch the user picked stays as it is
        }
    }

    boolean isEmpty() {
        return epochs.isEmpty();
    }

    private void show(int epoch) {
        image.setSrc(DownloadHandler.fromInputStream(event -> {
            byte[] png = pictures.apply(epoch).orElseThrow(() -> new IOException("no samples of epoch " + epoch));
            return new DownloadResponse(new ByteArrayInputStream(png), "epoch-" + epoch + ".png", "image/png",
                    png.length);
        }));
        image.setAlt("Generated samples after epoch " + epoch);
        image.getElement().setAttribute("data-epoch", Integer.toString(epoch));
    }
}
