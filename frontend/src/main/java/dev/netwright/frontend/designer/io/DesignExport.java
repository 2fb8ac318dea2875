package dev.netwright.frontend.designer.io;

import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.netwright.backend.design.DesignService;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Downloads the design being edited as netwright-design/1 JSON or PyTorch code, written when the link is clicked. */
public final class DesignExport {
    private DesignExport() {
    }

    public static DownloadHandler handler(DesignJson json, Supplier<Design> current) {
        return DownloadHandler.fromInputStream(event -> {
            Design design = current.get();
            byte[] bytes = json.write(design).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName(design.name()),
                    "application/json", bytes.length);
        });
    }

    /**
     * Downloads the design being edited as PyTorch code. A design with problems has no code: the download fails and
     * {@code onProblem} says why (the canvas lists the problems).
     */
    public static DownloadHandler pytorchHandler(Supplier<Design> current, Consumer<String> onProblem) {
        return DownloadHandler.fromInputStream(event -> {
            Design design = current.get();
            String code;
            try {
                code = DesignService.pytorchCode(design);
            } catch (IllegalArgumentException e) {
                event.getUI().access(() -> onProblem.accept("No PyTorch code for a design with problems: fix the"
                        + " problems listed on the canvas first"));
                return DownloadResponse.error(400, e.getMessage());
            }
            byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), pythonFileName(design.name()),
                    "text/x-python", bytes.length);
        });
    }

    static String pythonFileName(String designName) {
        String base = designName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("(^_|_$)", "");
        return (base.isEmpty() || Character.isDigit(base.charAt(0)) ? "design_" + base : base) + ".py";
    }

    static String fileName(String designName) {
        String base = designName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "design" : base) + ".json";
    }
}
