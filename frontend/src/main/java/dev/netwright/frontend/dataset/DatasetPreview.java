package dev.netwright.frontend.dataset;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.netwright.backend.dataset.DatasetService;
import java.util.List;
import java.util.Map;

/**
 * One uploaded dataset: tables show their columns with inferred types and missing counts, image ZIPs their classes
 * with image counts, so a user sees at once whether the upload was read as they meant.
 */
final class DatasetPreview extends Details {
    DatasetPreview(DatasetService.Dataset d) {
        setSummaryText(d.name() + " · " + d.kind() + " · " + size(d.sizeBytes()) + " · by " + d.createdBy());
        getElement().setAttribute("data-testid", "dataset-" + d.name());
        Map<String, Object> s = d.summary();
        Div body = new Div();
        body.addClassName("nw-preview");
        if (s.get("columns") instanceof List<?> columns) {
            body.add(new Span(s.get("rows") + " rows"));
            for (Object o : columns) {
                if (o instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("freeText"))
                        && c.get("tokens") instanceof Map<?, ?> t) {
                    // free text: what a text design's Input length should cover
                    Span chip = chip(c.get("name") + ": free text, tokens per row median " + t.get("median")
                            + ", 95th percentile " + t.get("p95") + ", max " + t.get("max")
                            + (number(c.get("missing")) > 0 ? " (" + c.get("missing") + " empty)" : ""));
                    chip.getElement().setAttribute("data-testid", "text-column");
                    body.add(chip);
                } else if (o instanceof Map<?, ?> c) {
                    body.add(chip(c.get("name") + ": " + String.valueOf(c.get("type")).toLowerCase()
                            + (number(c.get("missing")) > 0 ? " (" + c.get("missing") + " missing)" : "")));
                }
            }
        } else if (s.get("classes") instanceof List<?> classes) {
            body.add(new Span(s.get("images") + " images in " + classes.size() + " classes"));
            for (Object o : classes) {
                if (o instanceof Map<?, ?> c) {
                    body.add(chip(c.get("name") + ": " + c.get("images")));
                }
            }
        }
        add(body);
        setOpened(true);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static Span chip(String text) {
        Span s = new Span(text);
        s.addClassName("nw-chip");
        return s;
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? (bytes / 1024) + " KB"
                : String.format("%.1f MB", bytes / 1048576.0);
    }
}
