package dev.netwright.designer.block;

import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds block definitions in code. {@link #then} appends a layer fed by the previous one (the first layer is fed
 * by input port 0); {@link #from} picks the node (or input port) the next layer is fed by.
 */
public final class BlockBuilder {
    private static final double ROW = 110;

    private final String name;
    private final int version;
    private String description = "";
    private final List<String> inputs = new ArrayList<>();
    private final List<BlockParam> params = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private String last;

    private BlockBuilder(String name, int version) {
        this.name = name;
        this.version = version;
    }

    public static BlockBuilder named(String name, int version) {
        return new BlockBuilder(name, version);
    }

    public BlockBuilder description(String text) {
        description = text;
        return this;
    }

    /** Declares an input port; the first one is where {@link #then} starts. */
    public BlockBuilder input(String port) {
        inputs.add(port);
        if (last == null) {
            last = port;
        }
        return this;
    }

    public BlockBuilder param(String paramName, ParamType type, Object defaultValue, String text) {
        params.add(new BlockParam(paramName, type, defaultValue, text));
        return this;
    }

    public BlockBuilder from(String nodeOrPort) {
        last = nodeOrPort;
        return this;
    }

    /** Adds a layer (or a nested instance: type {@code Block}) fed by the previous one at port 0. */
    public BlockBuilder then(String id, String type, Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters must be name/value pairs: " + id);
        }
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        nodes.add(new Node(id, type, map, new Position(0, ROW * nodes.size())));
        if (last != null) {
            edges.add(new Edge(last, id, 0));
        }
        last = id;
        return this;
    }

    public BlockBuilder edge(String from, String to, int toPort) {
        edges.add(new Edge(from, to, toPort));
        return this;
    }

    /** The definition, with the last layer added as its output. */
    public BlockDefinition build() {
        return new BlockDefinition(name, version, description, inputs, last, params, nodes, edges);
    }
}
