package dev.netwright.designer.template;

import dev.netwright.designer.catalog.LayerExample;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds designs in code (templates, tests, generated benchmarks). {@link #then} appends a layer fed by the
 * previous one; {@link #node} adds a free-standing layer; positions are laid out top to bottom, one column per
 * network.
 */
public final class DesignBuilder {
    private static final double ROW = 110;
    private static final double COLUMN = 320;

    private final String name;
    private String description = "";
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<String> currentNetwork = new ArrayList<>();
    private String currentNetworkName;
    private String last;
    private int row;

    private DesignBuilder(String name) {
        this.name = name;
    }

    public static DesignBuilder named(String name) {
        return new DesignBuilder(name);
    }

    /**
     * The design a kind's example is tested with: an Input of the example's shape into the layer ({@code layer}).
     * A kind with several inputs gets one Dense branch of 4 units per input, merged by the layer.
     */
    public static Design example(LayerKind kind, LayerExample example) {
        DesignBuilder b = named(kind.type()).node("in", "Input", "shape", example.inputShape());
        if (kind.maxInputs() == 0) {
            return b.build();
        }
        int ports = Math.max(1, kind.minInputs());
        if (ports == 1) {
            return b.then("layer", kind.type(), example.namesAndValues()).build();
        }
        for (int port = 0; port < ports; port++) {
            b.from("in").then("branch" + port, "Dense", "units", 4);
        }
        b.node("layer", kind.type(), example.namesAndValues());
        for (int port = 0; port < ports; port++) {
            b.edge("branch" + port, "layer", port);
        }
        return b.build();
    }

    public DesignBuilder description(String text) {
        this.description = text;
        return this;
    }

    /** Adds a layer with parameters given as name/value pairs; it becomes the "previous" layer. */
    public DesignBuilder node(String id, String type, Object... params) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("parameters must be name/value pairs: " + id);
        }
        nodes.add(new Node(id, type, map, new Position(COLUMN * networks.size(), ROW * row++)));
        if (currentNetworkName != null) {
            currentNetwork.add(id);
        }
        last = id;
        return this;
    }

    /** Adds a layer fed by the previous one. */
    public DesignBuilder then(String id, String type, Object... params) {
        String from = last;
        node(id, type, params);
        if (from != null) {
            edges.add(new Edge(from, id, 0));
        }
        return this;
    }

    public DesignBuilder edge(String from, String to) {
        return edge(from, to, 0);
    }

    public DesignBuilder edge(String from, String to, int toPort) {
        edges.add(new Edge(from, to, toPort));
        return this;
    }

    /** Makes {@code id} the previous layer for the next {@link #then}. */
    public DesignBuilder from(String id) {
        last = id;
        return this;
    }

    /** Starts a GAN network; layers added until the next call belong to it. */
    public DesignBuilder network(String networkName) {
        closeNetwork();
        currentNetworkName = networkName;
        last = null;
        row = 0;
        return this;
    }

    private void closeNetwork() {
        if (currentNetworkName != null) {
            networks.add(new Network(currentNetworkName, currentNetwork));
            currentNetwork.clear();
        }
    }

    public Design build() {
        closeNetwork();
        currentNetworkName = null;
        return new Design(name, description, nodes, edges, networks);
    }
}
