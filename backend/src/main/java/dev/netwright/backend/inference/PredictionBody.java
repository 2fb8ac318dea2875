package dev.netwright.backend.inference;

import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.engine.predict.NumberSamples;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON prediction body as {@link PredictionBodyConverter} read it (read whole): its text, its samples as plain
 * numbers where the body holds nothing else ({@link NumberSamples}, no JSON tree built), and its JSON tree, read from
 * the text only when needed (a body that is not plain numbers, or a sample the model does not take as it stands, whose
 * error the tree's reading names). The text in the tree is checked here ({@link ControlCharacters}), as
 * {@code TextInputCheck} checks other request bodies: it cannot see inside this one.
 */
final class PredictionBody {
    private final byte[] json;
    private final JsonMapper mapper;
    private final NumberSamples numbers;
    private JsonNode tree;

    PredictionBody(byte[] json, JsonMapper mapper, Optional<NumberSamples> numbers) {
        this.json = json;
        this.mapper = mapper;
        this.numbers = numbers.orElse(null);
    }

    byte[] json() {
        return json;
    }

    Optional<NumberSamples> numbers() {
        return Optional.ofNullable(numbers);
    }

    /** The body's JSON tree, read from its text the first time it is asked for (a body is one request's). */
    JsonNode tree() {
        if (tree == null) {
            tree = mapper.readTree(json);
            ControlCharacters.requireIn("", tree);
        }
        return tree;
    }
}
