package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the {@code netwright-design/1} JSON format (see docs/design-format.md). Reading reports every
 * structural problem at once with its JSON path: malformed JSON, unknown format version, missing or mistyped
 * fields, unknown layer types and parameter names, duplicate ids, malformed block definitions. Parameter values and the graph itself are
 * checked by {@link dev.netwright.designer.analysis.DesignAnalyzer}. Writing produces the canonical form, which
 * reads back to an equal design.
 */
public final class DesignJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final LayerCatalog catalog;

    public DesignJson(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    public DesignJson() {
        this(LayerCatalog.standard());
    }

    public Design read(String json) throws DesignFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new DesignFormatException(List.of(new FormatError("$", "malformed JSON" + where + ": "
                    + e.getOriginalMessage())));
        }
        return new DocumentReader(catalog).design(root);
    }

    public String write(Design design) {
        return MAPPER.writeValueAsString(toTree(design)) + "\n";
    }

    public JsonNode toTree(Design design) {
        return DesignTrees.toTree(design);
    }

    /** One block definition as it appears in {@code blocks[]} (what a workspace block library stores). */
    public ObjectNode blockTree(BlockDefinition b) {
        return DesignTrees.blockTree(b);
    }

    public String writeBlock(BlockDefinition block) {
        return MAPPER.writeValueAsString(blockTree(block)) + "\n";
    }

    /** Reads one block definition (an element of {@code blocks[]}), reporting every problem with its path. */
    public BlockDefinition readBlock(String json) throws DesignFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new DesignFormatException(List.of(new FormatError("$", "malformed JSON: " + e.getOriginalMessage())));
        }
        DocumentReader reader = new DocumentReader(catalog);
        BlockDefinition b = reader.block(root, "$");
        if (!reader.errors.isEmpty() || b == null) {
            throw new DesignFormatException(reader.errors.isEmpty()
                    ? List.of(new FormatError("$", "not a block definition")) : reader.errors);
        }
        return b;
    }

    /** One layer as it appears in {@code nodes[]}. */
    public static ObjectNode nodeTree(Node n) {
        return DesignTrees.nodeTree(n);
    }

    public static ObjectNode positionTree(Position p) {
        return DesignTrees.positionTree(p);
    }

    /** One connection as it appears in {@code edges[]}. */
    public static ObjectNode edgeTree(Edge e) {
        return DesignTrees.edgeTree(e);
    }

    /**
     * Reads one layer (an element of {@code nodes[]}) with the checks a design document gets: known type and
     * parameters, well-formed position. Errors name {@code path}.
     */
    public Node readNode(JsonNode o, String path) throws DesignFormatException {
        LayerReader reader = new LayerReader(catalog);
        return reader.single(o == null ? null : reader.node(o, path), path, "a layer object");
    }

    /** Reads one connection; which layers exist is not checked here (the caller knows its graph). */
    public Edge readEdge(JsonNode o, String path) throws DesignFormatException {
        LayerReader reader = new LayerReader(catalog);
        return reader.single(o == null ? null : reader.edge(o, path, null), path,
                "an edge {\"from\", \"to\", \"toPort\"}");
    }

    public Position readPosition(JsonNode o, String path) throws DesignFormatException {
        LayerReader reader = new LayerReader(catalog);
        return reader.single(o == null ? null : reader.position(o, path), path,
                "a position {\"x\": number, \"y\": number}");
    }

    /** A parameter value as a design document has it (a number, string, boolean or list of them). */
    public Object readValue(JsonNode v, String path) throws DesignFormatException {
        LayerReader reader = new LayerReader(catalog);
        return reader.single(v == null ? null : reader.value(v, path), path, "a parameter value");
    }

    /** A parameter value as JSON (the same as in a design document). */
    public static JsonNode toJson(Object v) {
        return DesignTrees.toJson(v);
    }
}
