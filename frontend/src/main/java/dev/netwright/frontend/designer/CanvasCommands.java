package dev.netwright.frontend.designer;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BlockUngrouping;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.coedit.DesignOp;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.layout.FrameRoom;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Position;
import dev.netwright.frontend.designer.canvas.CanvasCommand;
import dev.netwright.frontend.designer.canvas.CanvasModels;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.session.Freezing;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every gesture on the canvas (and the toolbar buttons and panel actions that do the same) becomes an edit of the
 * session here; a live design's moves and edges to layers another editor removed go to the server as patches, so
 * it can report what it could not apply.
 */
final class CanvasCommands {
    private final DesignerContext view;
    private final CanvasModels models;
    private final WorkspaceBlocks blocks;
    private final BlockEditingFlow blockEditing;
    private final Runnable openGallery;

    CanvasCommands(DesignerContext view, CanvasModels models, WorkspaceBlocks blocks, BlockEditingFlow blockEditing,
                   Runnable openGallery) {
        this.view = view;
        this.models = models;
        this.blocks = blocks;
        this.blockEditing = blockEditing;
        this.openGallery = openGallery;
    }

    void handle(CanvasCommand command) {
        if (view.readOnly() && !(command instanceof CanvasCommand.Select) && !(command instanceof CanvasCommand.Copy)
                && !(command instanceof CanvasCommand.Expand)
                && !(command instanceof CanvasCommand.Simple s && s.kind().equals("help"))) {
            StoredDesignEditor stored = view.stored();
            Notices.show(stored.stored() != null && !stored.stored().canEdit()
                    ? "You are a viewer of this workspace: you can look but not change this design."
                    : "This is a preview of an older version: go back to editing to change the design.", true);
            view.refresh();
            return;
        }
        DesignSession session = view.session();
        boolean readOnly = view.readOnly();
        try {
            switch (command) {
                case CanvasCommand.Add a -> add(a);
                case CanvasCommand.Connect c when session.live()
                        && (session.design().node(c.source()).isEmpty() || session.design().node(c.target()).isEmpty())
                        -> session.submit(new DesignPatch(List.of(new DesignOp.AddEdge(
                                new Edge(c.source(), c.target(), c.port())))));
                case CanvasCommand.Connect c -> {
                    var replaced = readOnly ? Optional.<Edge>empty()
                            : session.edits().replaced(session.design(), c.source(), c.target(), c.port());
                    view.edit(d -> session.edits().connect(d, c.source(), c.target(), c.port()));
                    // a port takes one connection: the old one goes, visibly and undoably
                    replaced.ifPresent(old -> Notices.show(c.target() + " now takes its input from " + c.source()
                            + " instead of " + old.from() + ". Undo (Ctrl+Z) brings the old connection back.", false));
                }
                case CanvasCommand.MoveNodes m when session.live() && !readOnly -> session.submit(new DesignPatch(
                        m.moves().stream().map(mv -> (DesignOp) new DesignOp.MoveNode(mv.nodeId(),
                                session.design().node(mv.nodeId()).map(n -> n.position())
                                        .orElse(new Position(mv.x(), mv.y())), new Position(mv.x(), mv.y())))
                                .toList()));
                case CanvasCommand.MoveNodes m -> view.edit(d -> session.edits().move(d, m.moves()));
                case CanvasCommand.Delete del -> view.edit(d -> session.edits().delete(d, del.nodeIds(), del.edges()));
                case CanvasCommand.Select s -> {
                    view.selection().picked(s.nodeIds());
                    view.showSelection();
                    return;
                }
                case CanvasCommand.Copy c -> {
                    session.copy(c.nodeIds());
                    return;
                }
                case CanvasCommand.Freeze f -> {
                    view.edit(d -> new Freezing().upTo(d, f.nodeId()));
                    Notices.show(Freezing.count(session.design()) + " layers frozen up to " + f.nodeId()
                            + ": their weights stay fixed when this design is trained. Undo (Ctrl+Z) reverts.", false);
                }
                case CanvasCommand.Expand e -> expand(e);
                case CanvasCommand.Ungroup u -> {
                    view.edit(d -> BlockUngrouping.ungroup(d, u.nodeId(), blocks.library()));
                    blockEditing.expanded().removeIf(p -> p.equals(u.nodeId()) || p.startsWith(u.nodeId() + "/"));
                    Notices.show("Block instance " + u.nodeId() + " ungrouped into its layers. Undo (Ctrl+Z) "
                            + "reverts.", false);
                }
                case CanvasCommand.EditBlock b -> blockEditing.open(b.nodeId());
                case CanvasCommand.Simple s -> simple(s.kind());
            }
        } catch (IllegalArgumentException e) {
            Notices.show(e.getMessage(), true);
        }
        view.refresh();
    }

    private void add(CanvasCommand.Add a) {
        DesignSession session = view.session();
        Design base = session.design();
        if (a.type().startsWith(BlockInstance.TYPE + ":")) {
            // a workspace block: carry its newest version so the new instance can use it
            String block = a.type().substring(BlockInstance.TYPE.length() + 1);
            var def = blocks.library().latest(block).orElse(null);
            if (def != null && BuiltInBlocks.library().latest(block).isEmpty()
                    && BlockLibrary.of(base.blocks()).find(def.ref()).isEmpty()) {
                List<BlockDefinition> carried = new ArrayList<>(base.blocks());
                carried.add(def);
                base = base.withBlocks(carried);
            }
        }
        var result = session.edits().addNode(base, a.type(), new Position(a.x(), a.y()));
        session.apply(d -> result.design());
        view.selection().select(result.createdIds());
    }

    /**
     * The frame (of the top-level instance, which an inner one's opening grows) pushes the layers right of and below
     * it aside, and collapsing brings them back: positions are the design's, so every co-editor sees the same room
     * (FrameRoom).
     */
    private void expand(CanvasCommand.Expand e) {
        DesignSession session = view.session();
        var expanded = blockEditing.expanded();
        String top = e.path().split("/", 2)[0];
        var before = models.drawnSize(session.design(), expanded, top);
        if (e.open()) {
            expanded.add(e.path());
        } else {
            expanded.removeIf(p -> p.equals(e.path()) || p.startsWith(e.path() + "/"));
        }
        var after = models.drawnSize(session.design(), expanded, top);
        if (!view.readOnly()) {
            session.arrange(d -> FrameRoom.resize(d, top, before, after));
        }
    }

    private void simple(String kind) {
        switch (kind) {
            case "paste" -> view.selection().select(view.session().paste());
            case "undo" -> view.session().undo();
            case "redo" -> view.session().redo();
            case "layout" -> {
                view.edit(d -> new AutoLayout().apply(d));
                view.fitNext();
            }
            case "unfreeze" -> view.edit(d -> new Freezing().none(d));
            case "help" -> new ShortcutsHelp().open();
            case "templates" -> openGallery.run();
            default -> throw new IllegalArgumentException("unknown command " + kind);
        }
    }
}
