package dev.netwright.backend.design;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads designs sent by clients, turning format problems into a 400 that lists every path and reason. */
@Component
class DesignFormat {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    final DesignJson json = new DesignJson();
    final DesignAnalyzer analyzer = new DesignAnalyzer();
    private final ResourceLimits limits;

    DesignFormat(ResourceLimits limits) {
        this.limits = limits;
    }

    /** A stored version: read whatever caps say now, so that lowering a cap never locks anyone out of saved work. */
    Design readStored(String text, String where) {
        return parse(text, where);
    }

    /** Every design a client sends passes here: its size is capped before the analyser (and anything else) sees it. */
    Design read(String text, String where) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(where + " is missing: send a netwright-design/1 JSON document");
        }
        long maxBytes = limits.maxDesignJson().toBytes();
        // a char is at least one UTF-8 byte, so the length bounds the size before any encoding work
        if (text.length() > maxBytes || text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ApiException.payloadTooLarge(where + " is larger than " + maxBytes + " bytes, the most a design "
                    + "may have (netwright.limits.max-design-json)");
        }
        Design design = parse(text, where);
        if (design.nodes().size() > limits.maxDesignNodes()) {
            throw ApiException.badRequest(where + " has " + design.nodes().size() + " nodes; a design may have at "
                    + "most " + limits.maxDesignNodes() + " (netwright.limits.max-design-nodes)");
        }
        return design;
    }

    private Design parse(String text, String where) {
        try {
            return json.read(text);
        } catch (DesignFormatException e) {
            List<FieldProblem> errors = e.errors().stream().map(f -> new FieldProblem(f.path(), f.reason())).toList();
            throw ApiException.badRequest(where + " is not a valid netwright-design/1 document: " + errors.size()
                    + (errors.size() == 1 ? " problem" : " problems") + ", first at " + errors.get(0).path() + ": "
                    + errors.get(0).reason(), Map.of("errors", errors));
        }
    }

    Design read(JsonNode node, String where) {
        return read(node == null || node.isNull() ? null : node.toString(), where);
    }

    String write(Design design) {
        return json.write(design);
    }

    JsonNode tree(String content) {
        return JSON.readTree(content);
    }
}
