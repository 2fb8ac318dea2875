package dev.netwright.frontend.designer;

import dev.netwright.designer.coedit.DesignOp;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.frontend.designer.canvas.CanvasCommand;
import dev.netwright.frontend.designer.panel.PropertyPanel;
import dev.netwright.frontend.designer.session.DesignSession;
import java.util.List;
import java.util.Objects;

/** The property panel's edits go through the same session as the canvas's. */
final class PanelEdits implements PropertyPanel.Actions {
    private final DesignerContext view;
    private final CanvasCommands commands;

    PanelEdits(DesignerContext view, CanvasCommands commands) {
        this.view = view;
        this.commands = commands;
    }

    @Override
    public void setParam(String nodeId, String param, Object value) {
        DesignSession session = view.session();
        if (session.live() && !view.readOnly() && session.design().node(nodeId).isEmpty()) {
            // deleted by another editor meanwhile: the server reports it (and logs it) instead of a silent no-op
            session.submit(new DesignPatch(List.of(new DesignOp.SetParam(nodeId, param, value, value))));
            view.refresh();
            return;
        }
        view.edit(d -> session.edits().setParam(d, nodeId, param, value));
        view.refresh();
    }

    @Override
    public void setParamOver(String nodeId, String param, Object seen, Object value) {
        DesignSession session = view.session();
        var node = session.design().node(nodeId);
        if (!session.live() || view.readOnly() || node.isEmpty()
                || Objects.equals(node.get().params().get(param), seen)) {
            setParam(nodeId, param, value);
            return;
        }
        // typed over a value a co-editor had already replaced: sent as replacing what the user saw, so the
        // earlier edit stands and the user is told which value won (the live rules), never overwritten unseen
        session.submit(new DesignPatch(List.of(new DesignOp.SetParam(nodeId, param, seen, value))));
        view.refresh();
    }

    @Override
    public void rename(String nodeId, String newId) {
        DesignSession session = view.session();
        view.edit(d -> session.edits().rename(d, nodeId, newId));
        if (session.design().node(newId.strip()).isPresent() && session.design().node(nodeId).isEmpty()) {
            view.stored().ranges().rename(nodeId, newId.strip());
        }
        view.selection().renamed(nodeId, newId.strip());
        view.refresh();
    }

    @Override
    public void delete(List<String> nodeIds) {
        commands.handle(new CanvasCommand.Delete(nodeIds, List.of()));
    }
}
