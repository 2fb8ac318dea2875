package dev.netwright.designer.coedit;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.Objects;

/**
 * One change to a design. Every op names the value it expected to replace ({@code from}), so the server can tell an
 * edit of a stale value (someone else changed it meanwhile) from a plain edit, and so every op has an exact inverse
 * (undo of one's own edit is just another op).
 */
public sealed interface DesignOp {

    /** The op that takes this one back. */
    DesignOp inverse();

    /** The node this op is about, or null for design-wide ops. */
    String nodeId();

    /** Adds a layer; {@code network} is the GAN network it joins (null in a supervised design). */
    record AddNode(Node node, String network) implements DesignOp {
        public AddNode {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public DesignOp inverse() {
            return new RemoveNode(node, network);
        }

        @Override
        public String nodeId() {
            return node.id();
        }
    }

    /** Removes a layer (as it was when removed, so undo can put it back); its connections go in their own ops. */
    record RemoveNode(Node node, String network) implements DesignOp {
        public RemoveNode {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public DesignOp inverse() {
            return new AddNode(node, network);
        }

        @Override
        public String nodeId() {
            return node.id();
        }
    }

    record MoveNode(String nodeId, Position from, Position to) implements DesignOp {
        public MoveNode {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public DesignOp inverse() {
            return new MoveNode(nodeId, to, from);
        }
    }

    /** Sets a parameter; null stands for "not set" (the layer's default). */
    record SetParam(String nodeId, String param, Object from, Object to) implements DesignOp {
        public SetParam {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(param, "param");
        }

        @Override
        public DesignOp inverse() {
            return new SetParam(nodeId, param, to, from);
        }
    }

    /** Freezes a layer for fine-tuning (its weights fixed) or makes it trainable again. */
    record SetFrozen(String nodeId, boolean from, boolean to) implements DesignOp {
        public SetFrozen {
            Objects.requireNonNull(nodeId, "nodeId");
        }

        @Override
        public DesignOp inverse() {
            return new SetFrozen(nodeId, to, from);
        }
    }

    record AddEdge(Edge edge) implements DesignOp {
        public AddEdge {
            Objects.requireNonNull(edge, "edge");
        }

        @Override
        public DesignOp inverse() {
            return new RemoveEdge(edge);
        }

        @Override
        public String nodeId() {
            return edge.to();
        }
    }

    record RemoveEdge(Edge edge) implements DesignOp {
        public RemoveEdge {
            Objects.requireNonNull(edge, "edge");
        }

        @Override
        public DesignOp inverse() {
            return new AddEdge(edge);
        }

        @Override
        public String nodeId() {
            return edge.to();
        }
    }

    /** A design-wide text: its name or its description. */
    record SetText(TextField field, String from, String to) implements DesignOp {
        public SetText {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public DesignOp inverse() {
            return new SetText(field, to, from);
        }

        @Override
        public String nodeId() {
            return null;
        }
    }

    enum TextField { NAME, DESCRIPTION }

    /** Carries a block definition its instances use (blocks are immutable per version, so there is no edit). */
    record AddBlock(BlockDefinition block) implements DesignOp {
        public AddBlock {
            Objects.requireNonNull(block, "block");
        }

        @Override
        public DesignOp inverse() {
            return new RemoveBlock(block);
        }

        @Override
        public String nodeId() {
            return null;
        }
    }

    record RemoveBlock(BlockDefinition block) implements DesignOp {
        public RemoveBlock {
            Objects.requireNonNull(block, "block");
        }

        @Override
        public DesignOp inverse() {
            return new AddBlock(block);
        }

        @Override
        public String nodeId() {
            return null;
        }
    }
}
