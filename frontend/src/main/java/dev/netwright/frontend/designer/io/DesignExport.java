package dev.netwright.frontend.designer.io;

import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/** Downloads the design being edited as netwright-design/1 JSON, written when the link is clicked. */
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

    static String fileName(String designName) {
        String base = designName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "design" : base) + ".json";
    }
}
