package dev.netwright.frontend.designer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.block.BlockLibraryService;
import dev.netwright.backend.coedit.LiveBlockService;
import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.backend.coedit.LiveDesignService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignVersionFeed;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.canvas.CanvasModels;
import dev.netwright.frontend.designer.canvas.DesignCanvas;
import dev.netwright.frontend.designer.gallery.TemplateGallery;
import dev.netwright.frontend.designer.io.DesignExport;
import dev.netwright.frontend.designer.io.DesignImport;
import dev.netwright.frontend.designer.panel.PropertyPanel;
import dev.netwright.frontend.designer.panel.TotalsBar;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.designer.stored.DiffMarks;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import dev.netwright.frontend.run.RunLauncher;
import dev.netwright.frontend.sweep.SweepLauncher;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import jakarta.annotation.security.PermitAll;
import java.util.Map;
import java.util.UUID;

/**
 * The designer: palette and canvas (React Flow), property panel and totals. Every gesture on the canvas becomes an
 * edit of the server-side design, which is re-analysed and drawn again with shapes, counts and problems.
 *
 * <p>The view lays out the components, holds the session being edited and redraws from it; its collaborators see it
 * through {@link DesignerContext}: {@link CanvasCommands} (gestures to edits), {@link BlockEditingFlow} ("Edit block"
 * and expanded instances), {@link LiveCoEditors} (the other editors of a live design), {@link DesignerHost} (what the
 * stored-design logic loads and marks), {@link PanelEdits}, {@link ToolbarActions} and {@link RunButtons}.
 */
@Route(value = "designer/:designId?", autoLayout = false)
@PageTitle("Designer · Netwright")
@PermitAll
public class DesignerView extends VerticalLayout implements BeforeEnterObserver {
    private final LayerCatalog catalog = LayerCatalog.standard();
    private final DesignJson json = new DesignJson(catalog);
    private final CanvasModels models = new CanvasModels(catalog);
    private final Context context = new Context();
    private DesignSession session = new DesignSession(catalog, DesignSession.blank());
    private final Selection selection = new Selection();
    private long fitSeq;
    private final DesignCanvas canvas = new DesignCanvas(models.palette());
    private final TotalsBar totals = new TotalsBar();
    private final BlockLibraryService blockLibrary;
    private final WorkspaceBlocks blocks;
    private final BlockEditingFlow blockEditing;
    private final CanvasCommands commands;
    private final LiveCoEditors coEditors;
    private final DesignerHost host;
    private final PropertyPanel properties;
    private final SelectionPanel selectionPanel;
    private final DesignerToolbar toolbar;
    private final RunButtons runButtons;
    private final StoredDesignEditor stored;

    /** The scratch designer ({@code /designer}) or a stored design ({@code /designer/<id>}) with save and history. */
    public DesignerView(DesignService designs, WorkspaceAccess access, DesignVersionFeed events, CurrentUser user,
                        RunLauncher launcher, SweepLauncher sweeps, BlockLibraryService blockLibrary,
                        LiveDesignService liveDesigns, LiveDesignFeed liveFeed, LiveBlockService liveBlocks) {
        this.blockLibrary = blockLibrary;
        blocks = new WorkspaceBlocks(blockLibrary, context::stored);
        blockEditing = new BlockEditingFlow(context, catalog, json, blocks, blockLibrary, user,
                this::showBanner,
                () -> canvas.setPalette(models.palette(blocks.library())));
        commands = new CanvasCommands(context, models, blocks, blockEditing, this::openGallery);
        coEditors = new LiveCoEditors(context, blockEditing);
        host = new DesignerHost(context, catalog, blockEditing);
        properties = new PropertyPanel(new PanelEdits(context, commands));
        selectionPanel = new SelectionPanel(context, catalog, blocks, properties);
        toolbar = toolbar(new ToolbarActions(context, commands,
                new MakeBlockDialog(context, json, blockLibrary, liveBlocks, user), this::openGallery, this::getUI));
        runButtons = new RunButtons(launcher, sweeps, catalog, () -> session);
        stored = new StoredDesignEditor(designs, access, events, json, user.get(), host,
                id -> getUI().ifPresent(ui -> ui.navigate(DesignerView.class, params(id))), liveDesigns, liveFeed,
                coEditors);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("nw-designer");
        // works from 1024 px wide (styles.css once asked for 1200); set here because styles.css is baked into the
        // committed frontend bundle
        getStyle().set("min-width", "0");

        canvas.setSizeFull();
        canvas.addCommandListener(e -> commands.handle(e.command()));

        Div canvasArea = new Div(canvas);
        canvasArea.addClassName("nw-canvas-area");
        Div side = new Div(properties);
        side.addClassName("nw-side");
        HorizontalLayout main = new HorizontalLayout(canvasArea, side);
        main.setSpacing(false);
        main.setPadding(false);
        main.addClassName("nw-main");
        main.setWidthFull();
        main.setFlexGrow(1, canvasArea);

        add(toolbar, stored.banner(), main, totals);
        setFlexGrow(1, main);
        refresh();
    }

    public static RouteParameters params(UUID designId) {
        return RouteIds.of("designId", designId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getRouteParameters().get("designId").isPresent()) {
            try {
                stored.open(RouteIds.read(event, "designId").orElseThrow(() -> ApiException.notFound("design")));
                toolbar.addStored(stored.controls());
                if (coEditors.presence().getParent().isEmpty()) {
                    toolbar.add(coEditors.presence());
                }
                runButtons.addStored(stored);
                properties.enableRanges(stored.ranges(), this::refresh);
                canvas.setPalette(models.palette(blockLibrary.library(stored.workspace())));
                refresh();
            } catch (ApiException e) {
                NotFoundException.show(event, e.getMessage());
            }
            return;
        }
        runButtons.addScratch(toolbar);
        event.getLocation().getQueryParameters().getSingleParameter("template")
                .flatMap(Templates::find).map(Template::design).ifPresent(this::startFromTemplate);
    }

    private DesignerToolbar toolbar(DesignerToolbar.Actions actions) {
        DesignImport importer = new DesignImport(json);
        UploadHandler upload = UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            DesignImport.Outcome outcome = importer.read(meta.fileName(), bytes);
            if (outcome.ok()) {
                replaceDesign(outcome.design());
                Notices.show("Imported " + meta.fileName(), false);
            } else {
                Notices.show("Could not import " + meta.fileName() + ": " + String.join("; ", outcome.errors()),
                        true);
            }
        })));
        return new DesignerToolbar(actions, DesignExport.handler(json, () -> session.design()),
                DesignExport.pytorchHandler(() -> session.design(), message -> Notices.show(message, true)), upload,
                message -> Notices.show(message, true));
    }

    /** The open block's banner goes right under the toolbar. */
    private void showBanner(Component banner) {
        addComponentAtIndex(indexOf(toolbar) + 1, banner);
    }

    private void openGallery() {
        new TemplateGallery(DesignSession.blank(), this::startFromTemplate).open();
    }

    /** Templates are laid out afresh: their stored positions leave no room for the problems a user may cause. */
    private void startFromTemplate(Design design) {
        replaceDesign(design.nodes().isEmpty() ? design : new AutoLayout().apply(design));
    }

    /** A new or imported design replaces the canvas as one undoable step. */
    private void replaceDesign(Design design) {
        Design laidOut = DesignerHost.needsLayout(design) ? new AutoLayout().apply(design) : design;
        session.apply(d -> laidOut);
        selection.reset();
        fitSeq++;
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        stored.attach(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stored.detach();
    }

    private void refresh() {
        Design d = session.design();
        boolean readOnly = host.readOnly();
        DiffMarks marks = host.marks();
        selection.prune(d);
        blockEditing.expanded().removeIf(p -> d.node(p.split("/", 2)[0]).filter(BlockInstance::isInstance)
                .isEmpty());
        canvas.show(models.build(session.revision(), d, session.analysis(), selection.request(), selection.seq(),
                        fitSeq, blockEditing.expanded())
                .marked(marks == null ? Map.of() : marks.marks(), readOnly)
                .noted(stored.stored() == null || marks != null ? Map.of() : stored.ranges().notes(d, catalog))
                .withEditors(marks != null || blockEditing.isOpen() ? Map.of() : coEditors.editorsByLayer()));
        totals.show(session.analysis());
        toolbar.showHistory(session.canUndo() && !readOnly, session.canRedo() && !readOnly);
        toolbar.showName(d.name());
        toolbar.setEditable(!readOnly);
        properties.setEnabled(!readOnly);
        stored.refreshControls();
        showSelection();
    }

    private void showSelection() {
        selectionPanel.show();
        coEditors.announceSelection();
    }

    /** What the collaborators see of the view. */
    private final class Context implements DesignerContext {
        @Override
        public DesignSession session() {
            return session;
        }

        @Override
        public void use(DesignSession next) {
            session = next;
        }

        @Override
        public Selection selection() {
            return selection;
        }

        @Override
        public StoredDesignEditor stored() {
            return stored;
        }

        @Override
        public boolean readOnly() {
            return host.readOnly();
        }

        @Override
        public void fitNext() {
            fitSeq++;
        }

        @Override
        public void showSelection() {
            DesignerView.this.showSelection();
        }

        @Override
        public void refresh() {
            DesignerView.this.refresh();
        }

        @Override
        public Design pinned(Design design) {
            return blocks.pinned(design);
        }
    }
}
