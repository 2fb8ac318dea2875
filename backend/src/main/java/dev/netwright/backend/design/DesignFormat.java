package dev.netwright.backend.design;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
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

    Design read(String text, String where) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(where + " is missing: send a netwright-design/1 JSON document");
        }
        try {
            Design design = json.read(text);
            // names and labels end up in the database, which cannot store some of them (NUL)
            ControlCharacters.requireIn("", JSON.readTree(text));
            return design;
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
