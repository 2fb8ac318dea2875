package dev.netwright.designer.format;

import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.designer.model.Design;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (draft 2020-12) of the design format from the layer catalog, so the documented schema
 * can never drift from what the reader accepts ({@code docs/design-format.schema.json} is this output).
 */
public final class DesignSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DesignSchema() {
    }

    public static String generate(LayerCatalog catalog) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(schema(catalog)) + "\n";
    }

    static ObjectNode schema(LayerCatalog catalog) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://netwright.dev/schema/netwright-design-1.json");
        root.put("title", "Netwright design");
        root.put("description", "A neural-network design: layer nodes, edges between them, and for GANs two networks.");
        root.put("type", "object");
        root.putArray("required").add("format").add("name").add("nodes");
        root.put("additionalProperties", false);
        ObjectNode props = root.putObject("properties");
        props.putObject("format").put("const", Design.FORMAT);
        props.putObject("name").put("type", "string");
        props.putObject("description").put("type", "string");
        props.putObject("nodes").put("type", "array").putObject("items").put("$ref", "#/$defs/node");
        props.putObject("edges").put("type", "array").putObject("items").put("$ref", "#/$defs/edge");
        ObjectNode networks = props.putObject("networks");
        networks.put("description", "GAN designs only: the generator's and the discriminator's node ids");
        networks.put("type", "array");
        ObjectNode network = networks.putObject("items");
        network.put("type", "object");
        network.putArray("required").add("name").add("nodes");
        network.put("additionalProperties", false);
        ObjectNode networkProps = network.putObject("properties");
        networkProps.putObject("name").putArray("enum").add("generator").add("discriminator");
        networkProps.putObject("nodes").put("type", "array").putObject("items").put("type", "string");
        ObjectNode blocks = props.putObject("blocks");
        blocks.put("description", "definitions of the blocks the design's Block nodes use (built-in blocks need not "
                + "be carried)");
        blocks.put("type", "array");
        blocks.putObject("items").put("$ref", "#/$defs/block");

        ObjectNode defs = root.putObject("$defs");
        ObjectNode edge = defs.putObject("edge");
        edge.put("type", "object");
        edge.putArray("required").add("from").add("to");
        edge.put("additionalProperties", false);
        ObjectNode edgeProps = edge.putObject("properties");
        edgeProps.putObject("from").put("type", "string").put("description", "id of the node whose output is used");
        edgeProps.putObject("to").put("type", "string").put("description", "id of the node that receives it");
        edgeProps.putObject("toPort").put("type", "integer").put("minimum", 0).put("default", 0)
                .put("description", "input port; merges take their inputs in port order");
        ObjectNode position = defs.putObject("position");
        position.put("type", "object");
        position.putArray("required").add("x").add("y");
        position.putObject("properties").set("x", F.objectNode().put("type", "number"));
        ((ObjectNode) position.get("properties")).set("y", F.objectNode().put("type", "number"));

        defs.set("block", block());
        defs.set(BlockInstance.TYPE, blockInstance());

        ArrayNode oneOf = defs.putObject("node").putArray("oneOf");
        oneOf.add(F.objectNode().put("$ref", "#/$defs/" + BlockInstance.TYPE));
        for (LayerKind kind : catalog.kinds()) {
            oneOf.add(F.objectNode().put("$ref", "#/$defs/" + kind.type()));
            defs.set(kind.type(), node(kind));
        }
        return root;
    }

    private static ObjectNode block() {
        ObjectNode b = F.objectNode();
        b.put("description", "one version of a block: a sub-graph with input ports, one output and exposed "
                + "parameters; an inner parameter value \"$name\" takes the exposed parameter 'name'");
        b.put("type", "object");
        b.putArray("required").add("name").add("version").add("inputs").add("output").add("nodes");
        b.put("additionalProperties", false);
        ObjectNode props = b.putObject("properties");
        props.putObject("name").put("type", "string").put("minLength", 1);
        props.putObject("version").put("type", "integer").put("minimum", 1);
        props.putObject("description").put("type", "string");
        props.putObject("inputs").put("type", "array").put("minItems", 1)
                .put("description", "input port names; inner edges from a port name carry the instance's input "
                        + "at that port's index").putObject("items").put("type", "string").put("minLength", 1);
        props.putObject("output").put("type", "string").put("description", "id of the inner node whose output is "
                + "the block's output");
        ObjectNode param = props.putObject("params").put("type", "array").putObject("items");
        param.put("type", "object");
        param.putArray("required").add("name").add("type").add("default");
        param.put("additionalProperties", false);
        ObjectNode paramProps = param.putObject("properties");
        paramProps.putObject("name").put("type", "string").putArray("not").addObject().putArray("enum")
                .add(BlockInstance.BLOCK).add(BlockInstance.VERSION);
        ArrayNode types = paramProps.putObject("type").putArray("enum");
        for (ParamType t : ParamType.values()) {
            types.add(t.name());
        }
        paramProps.putObject("default");
        paramProps.putObject("description").put("type", "string");
        props.putObject("nodes").put("type", "array").putObject("items").put("$ref", "#/$defs/node");
        props.putObject("edges").put("type", "array").putObject("items").put("$ref", "#/$defs/edge");
        return b;
    }

    private static ObjectNode blockInstance() {
        ObjectNode n = F.objectNode();
        n.put("description", "an instance of a block: analysed, compiled and exported as the block's inner layers");
        n.put("type", "object");
        n.putArray("required").add("id").add("type").add("params");
        n.put("additionalProperties", false);
        ObjectNode props = n.putObject("properties");
        props.putObject("id").put("type", "string").put("minLength", 1);
        props.putObject("type").put("const", BlockInstance.TYPE);
        props.putObject("position").put("$ref", "#/$defs/position");
        props.putObject("frozen").put("type", "boolean")
                .put("description", "true: fine-tuning keeps this node's weights fixed (default false)");
        ObjectNode params = props.putObject("params");
        params.put("type", "object");
        params.put("description", "the block reference plus values for the block's exposed parameters");
        params.putArray("required").add(BlockInstance.BLOCK).add(BlockInstance.VERSION);
        ObjectNode paramProps = params.putObject("properties");
        paramProps.putObject(BlockInstance.BLOCK).put("type", "string").put("minLength", 1);
        paramProps.putObject(BlockInstance.VERSION).put("type", "integer").put("minimum", 1);
        return n;
    }

    private static ObjectNode node(LayerKind kind) {
        ObjectNode n = F.objectNode();
        n.put("description", kind.description() + " [" + kind.category().label() + "]");
        n.put("type", "object");
        n.putArray("required").add("id").add("type");
        n.put("additionalProperties", false);
        ObjectNode props = n.putObject("properties");
        props.putObject("id").put("type", "string").put("minLength", 1);
        props.putObject("type").put("const", kind.type());
        props.putObject("position").put("$ref", "#/$defs/position");
        props.putObject("frozen").put("type", "boolean")
                .put("description", "true: fine-tuning keeps this node's weights fixed (default false)");
        ObjectNode params = props.putObject("params");
        params.put("type", "object");
        params.put("additionalProperties", false);
        ArrayNode required = F.arrayNode();
        ObjectNode paramProps = params.putObject("properties");
        for (ParamSpec p : kind.params()) {
            paramProps.set(p.name(), param(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            params.set("required", required);
            n.withArray("required").add("params");
        }
        return n;
    }

    private static ObjectNode param(ParamSpec p) {
        ObjectNode s = F.objectNode();
        s.put("description", p.description());
        switch (p.type()) {
            case INT -> range(s.put("type", "integer"), p);
            case FLOAT -> range(s.put("type", "number"), p);
            case BOOL -> s.put("type", "boolean");
            case CHOICE -> {
                ArrayNode e = s.putArray("enum");
                p.choices().forEach(e::add);
            }
            case INT_LIST -> {
                s.put("type", "array").put("minItems", 1);
                range(s.putObject("items").put("type", "integer"), p);
            }
            case INT_PER_AXIS -> {
                ArrayNode any = s.putArray("anyOf");
                range(any.addObject().put("type", "integer"), p);
                ObjectNode list = any.addObject().put("type", "array").put("minItems", 1);
                range(list.putObject("items").put("type", "integer"), p);
            }
        }
        if (p.defaultValue() != null) {
            Object v = p.defaultValue();
            switch (v) {
                case Integer i -> s.put("default", i);
                case Double d -> s.put("default", d);
                case Boolean b -> s.put("default", b);
                case String str -> s.put("default", str);
                case List<?> list -> {
                    ArrayNode a = s.putArray("default");
                    list.forEach(e -> a.add(((Number) e).intValue()));
                }
                default -> { }
            }
        }
        return s;
    }

    private static void range(ObjectNode s, ParamSpec p) {
        boolean integer = "integer".equals(s.get("type").stringValue());
        if (p.min() != null) {
            if (integer) {
                s.put("minimum", p.min().longValue());
            } else {
                s.put("minimum", p.min());
            }
        }
        if (p.max() != null) {
            String key = p.maxExclusive() ? "exclusiveMaximum" : "maximum";
            if (integer) {
                s.put(key, p.max().longValue());
            } else {
                s.put(key, p.max());
            }
        }
    }
}
