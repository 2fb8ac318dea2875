package dev.netwright.frontend.model;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.inference.ModelViews;
import dev.netwright.backend.inference.PicturePixels;
import dev.netwright.backend.inference.PredictionService;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.project.DesignsView;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import dev.netwright.frontend.ui.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Try a trained model: draw or upload a picture, fill in a table row, or type token ids, and see the predicted class
 * with every class's probability; a GAN generator shows samples from fresh random seeds. Viewers may use it.
 */
@Route("models/:runId/try")
@PageTitle("Try a model · Netwright")
@PermitAll
public class TryModelView extends VerticalLayout implements BeforeEnterObserver {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PredictionService service;
    private final CurrentUser user;
    private final Random seeds = new Random();
    private ModelViews.Model model;
    private final Span label = new Span();
    private final Div values = new Div();
    private final ProbabilityChart chart = new ProbabilityChart();
    private final ForecastChart forecastChart = new ForecastChart();

    TryModelView(PredictionService service, CurrentUser user) {
        this.service = service;
        this.user = user;
        addClassName("nw-page");
        label.getElement().setAttribute("data-testid", "predicted-label");
        label.getStyle().set("font-size", "1.6em").set("font-weight", "600");
        values.getElement().setAttribute("data-testid", "predicted-values");
    }

    public static RouteParameters params(UUID runId) {
        return RouteIds.of("runId", runId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            UUID id = RouteIds.read(event, "runId").orElseThrow(() -> ApiException.notFound("model"));
            model = service.describe(user.get(), id);
            show();
        } catch (ApiException e) {
            if (e.status().value() == 409) {
                removeAll();
                add(new H2("No trained model yet"), new Paragraph(UiErrors.sentence(e)));
                return;
            }
            NotFoundException.show(event, e.getMessage());
        }
    }

    private void show() {
        removeAll();
        RouterLink back = new RouterLink("← Designs", DesignsView.class, DesignsView.params(model.projectId()));
        H2 title = new H2("Try " + model.name() + " v" + model.designVersion());
        Paragraph about = new Paragraph(describe());
        about.addClassName("nw-muted");
        add(back, title, about);
        Component input = switch (model.inputKind()) {
            case "IMAGE" -> imageInput();
            case "TABLE" -> tableInput();
            case "LATENT" -> generator();
            default -> textInput();
        };
        if ("LATENT".equals(model.inputKind())) {
            add(input);
            return;
        }
        VerticalLayout result = new VerticalLayout(label, chart, forecastChart, values);
        result.setPadding(false);
        result.setWidth("480px");
        chart.setVisible(false);
        HorizontalLayout row = new HorizontalLayout(input, result);
        row.setWidthFull();
        add(row);
    }

    private String describe() {
        String what = model.classes() != null ? model.classes().size() + " classes" : model.task().toLowerCase();
        return "Trained on " + model.dataset() + " (" + what + "). Input " + java.util.Arrays.toString(model.inputShape())
                + ", normalised as in training (" + model.normalisation() + ").";
    }

    private Component imageInput() {
        long[] shape = model.inputShape();
        int channels = (int) shape[0];
        int height = (int) shape[1];
        int width = (int) shape[2];
        dev.netwright.frontend.ui.sketch.SketchPad pad = new dev.netwright.frontend.ui.sketch.SketchPad();
        pad.setWidth("280px");
        pad.setHeight("280px");
        pad.getElement().setAttribute("data-testid", "sketch-pad");
        Button predict = new Button("Predict", VaadinIcon.MAGIC.create(), e -> pad.readPixels(width, height,
                grey -> predictRows(List.of(channels == 3 ? toRgb(grey) : grey))));
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        predict.getElement().setAttribute("data-testid", "predict");
        Button clear = new Button("Clear", e -> pad.clear());
        pad.addStrokeListener(e -> pad.readPixels(width, height,
                grey -> predictRows(List.of(channels == 3 ? toRgb(grey) : grey))));
        ModelView seen = new ModelView(channels, height, width);
        Div pictures = new Div();
        pictures.addClassName("nw-try-pictures");
        pictures.getElement().setAttribute("data-testid", "picture-results");
        // one call per file: several pictures dropped or chosen at once each get their own result, newest first
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            try {
                // the same pixel guard, resize, colour conversion and scaling as the training images
                float[] pixels = PicturePixels.fromBytes(bytes, width, height, channels);
                ModelViews.Answer p = predictRows(List.of(pixels));
                if (p != null) {
                    pad.clear(); // the answer shown is the picture's, not the old drawing's
                    pictures.addComponentAsFirst(pictureResult(meta.fileName(), seen.dataUrl(pixels), p));
                }
            } catch (PicturePixels.UnreadablePicture ex) {
                UiErrors.error("Could not use " + meta.fileName() + ": " + ex.getMessage());
            }
        }))));
        upload.setAcceptedFileTypes("image/*");
        upload.setUploadButton(new Button("Upload pictures", VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span("or drop several here"));
        upload.getElement().setAttribute("data-testid", "picture-upload");
        // the button stays usable: finished files leave the list, so picture after picture can follow
        upload.addAllFinishedListener(e -> upload.clearFileList());
        dev.netwright.frontend.ui.UploadRejections.explain(upload, "pictures (PNG, JPEG, GIF, BMP)");
        Paragraph hint = new Paragraph("Draw in white on the black pad (it predicts after each stroke), or upload "
                + "pictures: each is resized to " + width + "×" + height + (channels == 1 ? " and made grey" : "")
                + " like the training images, and shown below as the model sees it.");
        hint.addClassName("nw-muted");
        VerticalLayout box = new VerticalLayout(pad, new HorizontalLayout(predict, clear), upload, hint, pictures);
        box.setPadding(false);
        box.setWidth("320px");
        return box;
    }

    /** One uploaded picture's result: the model's view of it (scaled up), its name, the answer and how sure. */
    private static Component pictureResult(String fileName, String modelView, ModelViews.Answer p) {
        Image view = new Image(modelView, fileName + " as the model sees it");
        view.setWidth("84px");
        view.setHeight("84px");
        view.getStyle().set("image-rendering", "pixelated").set("border", "1px solid var(--lumo-contrast-20pct)");
        view.getElement().setAttribute("data-testid", "model-view");
        String answer = p.label() != null ? p.label() : String.valueOf(p.values());
        Double sure = p.label() != null && p.probabilities() != null ? p.probabilities().get(p.label()) : null;
        Span name = new Span(fileName);
        name.addClassName("nw-muted");
        Span result = new Span(answer + (sure != null ? String.format(java.util.Locale.ROOT, " (%.0f%%)", sure * 100)
                : ""));
        result.getElement().setAttribute("data-testid", "picture-answer");
        result.getStyle().set("font-weight", "600");
        VerticalLayout text = new VerticalLayout(name, result);
        text.setPadding(false);
        text.setSpacing(false);
        HorizontalLayout row = new HorizontalLayout(view, text);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.getElement().setAttribute("data-testid", "picture-result");
        row.getElement().setAttribute("data-file", fileName);
        return row;
    }

    private static float[] toRgb(float[] grey) {
        float[] rgb = new float[grey.length * 3];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey, 0, rgb, c * grey.length, grey.length);
        }
        return rgb;
    }

    private Component tableInput() {
        FormLayout form = new FormLayout();
        form.setWidth("420px");
        Map<String, Component> fields = new LinkedHashMap<>();
        for (ModelViews.Column c : model.columns()) {
            if ("NUMERIC".equals(c.kind())) {
                NumberField f = new NumberField(c.name());
                f.setStepButtonsVisible(false);
                f.getElement().setAttribute("data-testid", "feature-" + c.name());
                fields.put(c.name(), f);
                form.add(f);
            } else {
                ComboBox<String> f = new ComboBox<>(c.name(), c.categories());
                f.getElement().setAttribute("data-testid", "feature-" + c.name());
                fields.put(c.name(), f);
                form.add(f);
            }
        }
        Button predict = new Button("Predict", VaadinIcon.MAGIC.create(), e -> {
            ObjectNode row = JSON.createObjectNode();
            fields.forEach((name, f) -> {
                if (f instanceof NumberField n && n.getValue() != null) {
                    row.put(name, n.getValue());
                } else if (f instanceof ComboBox<?> box && box.getValue() != null) {
                    row.put(name, box.getValue().toString());
                }
            });
            ObjectNode body = JSON.createObjectNode();
            body.set("input", row);
            predictJson(body);
        });
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        predict.getElement().setAttribute("data-testid", "predict");
        VerticalLayout box = new VerticalLayout(form, predict);
        box.setPadding(false);
        box.setWidth("440px");
        return box;
    }

    private Component textInput() {
        boolean tokens = "TOKENS".equals(model.inputKind());
        boolean rawText = "TEXT".equals(model.inputKind());
        boolean forecast = "SERIES".equals(model.inputKind());
        long[] shape = model.inputShape();
        TextArea text = new TextArea(rawText ? "Text (tokenised like the training texts of column '"
                + model.textColumn() + "')"
                : tokens ? "Token ids (0.." + (model.vocabSize() - 1) + "), separated by spaces"
                : forecast ? "The last " + shape[0] + " steps, oldest first: " + shape[1] + " value"
                        + (shape[1] == 1 ? "" : "s (" + String.join(", ", model.series()) + " and extra inputs)")
                        + " per step, separated by commas, spaces or new lines"
                : "Numbers, " + java.util.Arrays.stream(model.inputShape()).reduce(1, (a, b) -> a * b)
                + " in row-major order, separated by commas or spaces");
        text.setWidth("420px");
        text.setMinHeight("160px");
        text.getElement().setAttribute("data-testid", "text-input");
        Button predict = new Button(forecast ? "Forecast" : "Predict", VaadinIcon.MAGIC.create(), e -> {
            ObjectNode body = JSON.createObjectNode();
            if (tokens || rawText) {
                body.put("input", text.getValue());
            } else {
                var numbers = body.putArray("input");
                for (String part : text.getValue().trim().split("[\\s,;]+")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    try {
                        numbers.add(Double.parseDouble(part));
                    } catch (NumberFormatException ex) {
                        UiErrors.error("'" + part + "' is not a number");
                        return;
                    }
                }
                if (forecast) {
                    predictForecast(body, numbers);
                    return;
                }
            }
            predictJson(body);
        });
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        predict.getElement().setAttribute("data-testid", "predict");
        VerticalLayout box = new VerticalLayout(text, predict);
        box.setPadding(false);
        box.setWidth("440px");
        return box;
    }

    /** A forecaster's answer drawn after the window it was given (the first series). */
    private void predictForecast(ObjectNode body, tools.jackson.databind.node.ArrayNode window) {
        try {
            ModelViews.Answer a = service.predict(user.get(), model.id(), body).predictions().getFirst();
            showAnswer(null, null, a.values());
            forecastChart.show(window, (int) model.inputShape()[1], a.values(), model.series());
        } catch (ApiException e) {
            UiErrors.show(e);
        }
    }

    private Component generator() {
        Div samples = new Div();
        samples.getElement().setAttribute("data-testid", "samples");
        Span seedText = new Span();
        seedText.getElement().setAttribute("data-testid", "seed");
        Runnable draw = () -> {
            try {
                long seed = seeds.nextInt(Integer.MAX_VALUE);
                ModelViews.Generated g = service.generate(user.get(), model.id(), 16, seed);
                samples.removeAll();
                if (g.image() != null) {
                    Image grid = new Image(g.image(), "16 generated samples, seed " + seed);
                    grid.setWidth("336px");
                    grid.getStyle().set("image-rendering", "pixelated");
                    samples.add(grid);
                } else {
                    Div list = new Div();
                    for (float[] s : g.samples()) {
                        list.add(new Paragraph(java.util.Arrays.toString(s)));
                    }
                    samples.add(list);
                }
                seedText.setText("seed " + seed);
            } catch (ApiException e) {
                UiErrors.show(e);
            }
        };
        Button again = new Button("New seeds", VaadinIcon.REFRESH.create(), e -> draw.run());
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        again.getElement().setAttribute("data-testid", "new-seeds");
        draw.run();
        return new VerticalLayout(new HorizontalLayout(again, seedText), samples);
    }

    /** Predicts and shows the answer; null (after saying why) when the service refused. */
    private ModelViews.Answer predictRows(List<float[]> rows) {
        try {
            ModelViews.Answer p = service.answerRows(user.get(), model.id(), rows).getFirst();
            showAnswer(p.label(), p.probabilities(), p.values());
            return p;
        } catch (ApiException e) {
            UiErrors.show(e);
            return null;
        }
    }

    private void predictJson(ObjectNode body) {
        try {
            ModelViews.Answer a = service.predict(user.get(), model.id(), body).predictions().getFirst();
            showAnswer(a.label(), a.probabilities(), a.values());
        } catch (ApiException e) {
            UiErrors.show(e);
        }
    }

    private void showAnswer(String predicted, Map<String, Double> probabilities, List<Double> outputs) {
        values.removeAll();
        forecastChart.setVisible(false);
        if (predicted != null) {
            label.setText(predicted);
            chart.setVisible(true);
            chart.show(probabilities, predicted);
        } else {
            label.setText(outputs.size() == 1 ? String.format(java.util.Locale.ROOT, "%.4g", outputs.getFirst())
                    : outputs.toString());
            chart.setVisible(false);
        }
    }
}
