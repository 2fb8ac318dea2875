package dev.netwright.frontend.designer.canvas;

import dev.netwright.frontend.designer.session.EdgeRef;
import dev.netwright.frontend.designer.session.Move;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the canvas asks the server to do: one typed record per user gesture. */
public sealed interface CanvasCommand {

    record Add(String type, double x, double y) implements CanvasCommand {
    }

    record Connect(String source, String target, int port) implements CanvasCommand {
    }

    record MoveNodes(List<Move> moves) implements CanvasCommand {
    }

    record Delete(List<String> nodeIds, List<EdgeRef> edges) implements CanvasCommand {
    }

    record Select(List<String> nodeIds) implements CanvasCommand {
    }

    record Copy(List<String> nodeIds) implements CanvasCommand {
    }

    /** Freeze a layer and every layer before it (fine-tuning). */
    record Freeze(String nodeId) implements CanvasCommand {
    }

    /**
     * Draw a block instance expanded in place (its inner layers in a frame) or collapsed again: a view state, the
     * design does not change. {@code path} is the instance id, or {@code instance/inner} for an inner instance.
     */
    record Expand(String path, boolean open) implements CanvasCommand {
    }

    /** Replace a block instance by its inner layers (one level; undoable). */
    record Ungroup(String nodeId) implements CanvasCommand {
    }

    /** Open the block an instance uses in the canvas, to save its next version. */
    record EditBlock(String nodeId) implements CanvasCommand {
    }

    /** A gesture without arguments: paste, undo, redo, layout, help, templates, unfreeze (all layers). */
    record Simple(String kind) implements CanvasCommand {
    }

    JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Parses the JSON the canvas sends.
     *
     * @throws IllegalArgumentException when the message is not one the canvas sends
     */
    static CanvasCommand parse(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable canvas message", e);
        }
        String kind = o.path("kind").asString("");
        return switch (kind) {
            case "add" -> new Add(text(o, "type"), o.path("x").asDouble(), o.path("y").asDouble());
            case "connect" -> new Connect(text(o, "source"), text(o, "target"), o.path("port").asInt(0));
            case "move" -> {
                List<Move> moves = new ArrayList<>();
                o.path("moves").forEach(m -> moves.add(new Move(text(m, "id"), m.path("x").asDouble(),
                        m.path("y").asDouble())));
                yield new MoveNodes(moves);
            }
            case "delete" -> {
                List<EdgeRef> edges = new ArrayList<>();
                o.path("edges").forEach(e -> edges.add(new EdgeRef(text(e, "source"), text(e, "target"),
                        e.path("port").asInt(0))));
                yield new Delete(ids(o), edges);
            }
            case "select" -> new Select(ids(o));
            case "copy" -> new Copy(ids(o));
            case "freeze" -> new Freeze(text(o, "id"));
            case "expand", "collapse" -> new Expand(text(o, "id"), kind.equals("expand"));
            case "ungroup" -> new Ungroup(text(o, "id"));
            case "editBlock" -> new EditBlock(text(o, "id"));
            case "paste", "undo", "redo", "layout", "help", "templates", "unfreeze" -> new Simple(kind);
            default -> throw new IllegalArgumentException("unknown canvas message '" + kind + "'");
        };
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("canvas message lacks '" + field + "'");
        }
        return v.asString();
    }

    private static List<String> ids(JsonNode o) {
        List<String> ids = new ArrayList<>();
        o.path("ids").forEach(v -> ids.add(v.asString()));
        return ids;
    }
}
