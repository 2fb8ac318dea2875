package dev.netwright.backend.inference;

import dev.netwright.backend.api.ControlCharacters;
import dev.netwright.engine.predict.NumberSamples;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON prediction body as {@link PredictionBodyConverter} read it (valid JSON, read whole): its samples as plain
 * numbers where the body holds nothing else ({@link NumberSamples}, no JSON tree built), otherwise its JSON tree.
 * A plain-number body's tree is read only when a sample is not one the model takes as it stands, so that the tree's
 * reading names the problem. The text in a tree is checked here ({@link ControlCharacters}), as
 * {@code TextInputCheck} checks other request bodies: it cannot see inside this one.
 */
final class PredictionBody {
    private final byte[] json;
    private final JsonMapper mapper;
    private final NumberSamples numbers;
    private JsonNode tree;

    private PredictionBody(byte[] json, JsonMapper mapper, NumberSamples numbers, JsonNode tree) {
        this.json = json;
        this.mapper = mapper;
        this.numbers = numbers;
        this.tree = tree;
    }

    static PredictionBody ofNumbers(byte[] json, JsonMapper mapper, NumberSamples numbers) {
        return new PredictionBody(json, mapper, numbers, null);
    }

    static PredictionBody ofTree(JsonNode tree) {
        ControlCharacters.requireIn("", tree);
        return new PredictionBody(null, null, null, tree);
    }

    Optional<NumberSamples> numbers() {
        return Optional.ofNullable(numbers);
    }

    /** The body's JSON tree, read from the body the first time it is asked for (a body is one request's). */
    JsonNode tree() {
        if (tree == null) {
            tree = mapper.readTree(json);
            ControlCharacters.requireIn("", tree);
        }
        return tree;
    }
}
