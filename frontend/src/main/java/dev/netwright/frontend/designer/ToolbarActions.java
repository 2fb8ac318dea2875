package dev.netwright.frontend.designer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.netwright.frontend.designer.canvas.CanvasCommand;
import dev.netwright.frontend.learn.DesignHandoff;
import dev.netwright.frontend.learn.LearnNav;
import java.util.Optional;
import java.util.function.Supplier;

/** Toolbar buttons take the same path as the canvas's keyboard shortcuts. */
final class ToolbarActions implements DesignerToolbar.Actions {
    private final DesignerContext view;
    private final CanvasCommands commands;
    private final MakeBlockDialog makeBlock;
    private final Runnable openGallery;
    private final Supplier<Optional<UI>> ui;

    ToolbarActions(DesignerContext view, CanvasCommands commands, MakeBlockDialog makeBlock, Runnable openGallery,
                   Supplier<Optional<UI>> ui) {
        this.view = view;
        this.commands = commands;
        this.makeBlock = makeBlock;
        this.openGallery = openGallery;
        this.ui = ui;
    }

    /** The learn page reads the design from the session, so unsaved edits and scratch designs work too. */
    @Override
    public void learn(LearnNav.Page page) {
        DesignHandoff.offer(view.session().design());
        ui.get().ifPresent(u -> u.navigate(page.route(), QueryParameters.of("design", "current")));
    }

    @Override
    public void rename(String designName) {
        view.edit(d -> d.withName(designName));
        view.refresh();
    }

    @Override
    public void newDesign() {
        openGallery.run();
    }

    @Override
    public void undo() {
        commands.handle(new CanvasCommand.Simple("undo"));
    }

    @Override
    public void redo() {
        commands.handle(new CanvasCommand.Simple("redo"));
    }

    @Override
    public void autoLayout() {
        commands.handle(new CanvasCommand.Simple("layout"));
    }

    @Override
    public void help() {
        new ShortcutsHelp().open();
    }

    @Override
    public void makeBlock() {
        makeBlock.open();
    }
}
