package dev.netwright.frontend.run;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test samples with their true and predicted labels, as the engine saved them with the model
 * ({@code predictions/predictions.json} and a picture per image sample): mistakes first, so users see what the model
 * confuses.
 */
final class PredictionSamplesView extends Div {

    private PredictionSamplesView(Path zip, String prefix, JsonNode index) {
        getElement().setAttribute("data-testid", "sample-predictions");
        add(new H3("Sample predictions"));
        int scanned = index.path("scanned").asInt();
        int wrong = index.path("wrongOfScanned").asInt();
        add(new Paragraph(String.format(Locale.ROOT, "%d of the first %d test samples were misclassified; up to half "
                + "of those shown here are mistakes.", wrong, scanned)));
        Div cards = new Div();
        cards.addClassName("nw-prediction-cards");
        for (JsonNode s : index.path("samples")) {
            Div card = new Div();
            card.addClassName("nw-prediction-card");
            boolean correct = s.path("correct").asBoolean();
            card.getElement().setAttribute("data-correct", String.valueOf(correct));
            card.getElement().setAttribute("data-testid", "prediction-card");
            if (!s.path("image").isNull() && !s.path("image").asString("").isEmpty()) {
                String entry = prefix + s.path("image").asString();
                Image image = new Image(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(read(zip, entry)), s.path("image").asString(), "image/png", -1)),
                        "test sample " + s.path("index").asInt());
                card.add(image);
            }
            Span truth = new Span("true: " + s.path("label").asString());
            Span predicted = new Span(String.format(Locale.ROOT, "predicted: %s (%.0f%%)",
                    s.path("predicted").asString(), 100 * s.path("confidence").asDouble()));
            predicted.addClassName(correct ? "nw-status-ok" : "nw-status-error");
            card.add(new Div(truth), new Div(predicted));
            cards.add(card);
        }
        add(cards);
    }

    /** The view for a finished run's artifact, or empty when the model has no sample predictions (regression). */
    static Optional<PredictionSamplesView> of(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().equals("predictions/predictions.json")
                        || e.getName().endsWith("/predictions/predictions.json")) {
                    String prefix = e.getName().substring(0, e.getName().length() - "predictions.json".length());
                    JsonNode index = JsonMapper.shared().readTree(z.getInputStream(e));
                    return Optional.of(new PredictionSamplesView(zip, prefix, index));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's artifact " + zip, e);
        }
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
