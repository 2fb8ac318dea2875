package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A GAN run's generated samples per epoch, as the engine drew them ({@code samples/epoch-NNN.png} in the saved
 * model), read from the run's artifact ZIP; an epoch picker switches between them.
 */
final class GeneratedSamplesView extends Div {
    private static final Pattern NAME = Pattern.compile("(?:.*/)?samples/epoch-(\\d+)\\.png");

    /** One picture in the artifact: its ZIP entry and the epoch it shows. */
    record EpochPicture(int epoch, String entry) {
    }

    private GeneratedSamplesView(Path zip, List<EpochPicture> pictures) {
        getElement().setAttribute("data-testid", "generated-samples");
        Image image = new Image();
        image.addClassName("nw-samples");
        Select<EpochPicture> epoch = new Select<>();
        epoch.setLabel("Epoch");
        epoch.setItems(pictures);
        epoch.setItemLabelGenerator(p -> "epoch " + p.epoch());
        epoch.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                EpochPicture p = e.getValue();
                image.setSrc(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(read(zip, p.entry())), "epoch-" + p.epoch() + ".png", "image/png",
                        -1)));
                image.setAlt("Generated samples after epoch " + p.epoch());
            }
        });
        add(new H3("Generated samples"), epoch, new Div(image));
        epoch.setValue(pictures.getLast());
    }

    /** The view for a finished GAN run's artifact, or null when the artifact has no sample pictures. */
    static GeneratedSamplesView of(Path zip) {
        List<EpochPicture> pictures = pictures(zip);
        return pictures.isEmpty() ? null : new GeneratedSamplesView(zip, pictures);
    }

    static List<EpochPicture> pictures(Path zip) {
        List<EpochPicture> list = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                Matcher m = NAME.matcher(e.getName());
                if (m.matches()) {
                    list.add(new EpochPicture(Integer.parseInt(m.group(1)), e.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's artifact " + zip, e);
        }
        list.sort(java.util.Comparator.comparingInt(EpochPicture::epoch));
        return list;
    }

    private static byte[] read(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(entry);
            if (e == null) {
                throw new IOException("no " + entry + " in " + zip);
            }
            return z.getInputStream(e).readAllBytes();
        }
    }
}
