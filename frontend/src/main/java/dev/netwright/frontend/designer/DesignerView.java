package dev.netwright.frontend.designer;

import dev.netwright.frontend.run.DesignEdits;
import dev.netwright.frontend.run.RunLauncher;
import dev.netwright.frontend.sweep.SweepLauncher;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignVersionFeed;
import dev.netwright.backend.coedit.LiveDesignFeed;
import dev.netwright.backend.coedit.LiveDesignService;
import dev.netwright.designer.coedit.DesignOp;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.frontend.designer.live.LiveEditing;
import dev.netwright.frontend.designer.live.LivePresence;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.stored.DesignHost;
import dev.netwright.frontend.designer.stored.DiffMarks;
import dev.netwright.frontend.designer.stored.StoredDesignEditor;
import dev.netwright.frontend.learn.DesignHandoff;
import dev.netwright.frontend.learn.LearnNav;
import com.vaadin.flow.router.QueryParameters;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import jakarta.annotation.security.PermitAll;
import java.util.Map;
import java.util.UUID;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.frontend.designer.canvas.CanvasCommand;
import dev.netwright.frontend.designer.canvas.CanvasModels;
import dev.netwright.frontend.designer.canvas.DesignCanvas;
import dev.netwright.frontend.designer.gallery.TemplateGallery;
import dev.netwright.frontend.designer.io.DesignExport;
import dev.netwright.frontend.designer.io.DesignImport;
import dev.netwright.frontend.designer.panel.PropertyPanel;
import dev.netwright.frontend.designer.panel.TotalsBar;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.frontend.designer.session.Freezing;
import dev.netwright.frontend.designer.session.DesignSession;
import java.util.List;

/**
 * The designer: palette and canvas (React Flow), property panel and totals. Every gesture on the canvas becomes an
 * edit of the server-side design, which is re-analysed and drawn again with shapes, counts and problems.
 */
@Route(value = "designer/:designId?", autoLayout = false)
@PageTitle("Designer · Netwright")
@PermitAll
public class DesignerView extends VerticalLayout implements BeforeEnterObserver {
    private final LayerCatalog catalog = LayerCatalog.standard();
    private final DesignJson json = new DesignJson(catalog);
    private final CanvasModels models = new CanvasModels(catalog);
    private DesignSession session = new DesignSession(catalog, DesignSession.blank());
    private final DesignCanvas canvas = new DesignCanvas(models.palette());
    private final PropertyPanel properties = new PropertyPanel(new PanelActions());
    private final TotalsBar totals = new TotalsBar();
    private final DesignerToolbar toolbar = toolbar();
    private List<String> selection = List.of();
    private List<String> selectRequest = List.of();
    /**
     * The selected layer another editor deleted: the panel keeps showing it until the user selects something else,
     * so a change typed into it meanwhile still reaches the server, which reports it (never dropped with the panel).
     */
    private dev.netwright.designer.model.Node orphan;
    private long selectSeq;
    private long fitSeq;
    private final StoredDesignEditor stored;
    private DiffMarks marks;
    private boolean readOnly;
    private final RunLauncher launcher;
    private final SweepLauncher sweeps;
    private Button scratchTrain;
    private final dev.netwright.backend.block.BlockLibraryService blockLibrary;
    private final dev.netwright.backend.coedit.LiveBlockService liveBlocks;
    private final CurrentUser user;
    private final LivePresence presence = new LivePresence();
    private List<LiveDesignFeed.Presence> others = List.of();
    /** Block instances drawn expanded in place (a view state: the design does not change). */
    private final java.util.Set<String> expanded = new java.util.LinkedHashSet<>();
    /** The block open for editing (the design's own session waits in it), or null. */
    private OpenBlock openBlock;

    /** A block open in the canvas: the design's session and expanded instances to go back to, and the banner. */
    private record OpenBlock(DesignSession host, java.util.Set<String> hostExpanded,
                             dev.netwright.designer.block.BlockEditing.Editing editing, int latest,
                             BlockEditBanner banner) {
    }

    /** The scratch designer ({@code /designer}) or a stored design ({@code /designer/<id>}) with save and history. */
    public DesignerView(DesignService designs, WorkspaceAccess access, DesignVersionFeed events, CurrentUser user,
                        RunLauncher launcher, SweepLauncher sweeps,
                        dev.netwright.backend.block.BlockLibraryService blockLibrary, LiveDesignService liveDesigns,
                        LiveDesignFeed liveFeed, dev.netwright.backend.coedit.LiveBlockService liveBlocks) {
        this.launcher = launcher;
        this.liveBlocks = liveBlocks;
        this.sweeps = sweeps;
        this.blockLibrary = blockLibrary;
        this.user = user;
        stored = new StoredDesignEditor(designs, access, events, json, user.get(), new Host(),
                id -> getUI().ifPresent(ui -> ui.navigate(DesignerView.class, params(id))), liveDesigns, liveFeed,
                new LiveListener());
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("nw-designer");
        // works from 1024 px wide (styles.css once asked for 1200); set here because styles.css is baked into the
        // committed frontend bundle
        getStyle().set("min-width", "0");

        canvas.setSizeFull();
        canvas.addCommandListener(e -> handle(e.command()));

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
        refresh(false);
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
                if (presence.getParent().isEmpty()) {
                    toolbar.add(presence);
                }
                if (scratchTrain != null) { // the same view, navigated from the scratch canvas to a stored design
                    scratchTrain.removeFromParent();
                    scratchTrain = null;
                }
                addTrainButton();
                addSweepButton();
                properties.enableRanges(stored.ranges(), () -> refresh(false));
                canvas.setPalette(models.palette(blockLibrary.library(stored.workspace())));
                refresh(true);
            } catch (ApiException e) {
                NotFoundException.show(event, e.getMessage());
            }
            return;
        }
        addScratchTrainButton();
        event.getLocation().getQueryParameters().getSingleParameter("template")
                .flatMap(Templates::find).map(Template::design).ifPresent(this::startFromTemplate);
    }

    /** Train opens the launch dialog for this design's latest saved version (editors only; the service checks). */
    private void addTrainButton() {
        if (stored.controls().getChildren().anyMatch(c -> "train".equals(c.getElement().getAttribute("data-testid")))) {
            return;
        }
        var design = stored.stored();
        Button train = new Button("Train", VaadinIcon.PLAY.create(),
                e -> launcher.open(design.projectId(), design.id(), stored.stored().canEdit(),
                        new DesignEdits(stored.unsaved(), stored::save)));
        train.getElement().setAttribute("data-testid", "train");
        train.setEnabled(design.canEdit());
        train.setTooltipText(design.canEdit() ? "Train the latest saved version on a dataset"
                : "Viewers cannot start runs: ask an owner for the editor role");
        stored.controls().add(train);
    }

    /** The scratch designer's Train explains that a design must be saved (in a project) before it can train. */
    private void addScratchTrainButton() {
        if (scratchTrain != null) {
            return;
        }
        scratchTrain = new Button("Train", VaadinIcon.PLAY.create(), e -> launcher.explainNeverSaved());
        scratchTrain.getElement().setAttribute("data-testid", "train");
        scratchTrain.setTooltipText("A design trains once it is saved in a project");
        toolbar.add(scratchTrain);
    }

    /**
     * Sweep… opens the sweep launch dialog on this design, its search space pre-filled with the ranges set in the
     * property panel (editors only; the service checks).
     */
    private void addSweepButton() {
        if (stored.controls().getChildren().anyMatch(c -> "sweep".equals(c.getElement().getAttribute("data-testid")))) {
            return;
        }
        Button sweep = new Button("Sweep…", VaadinIcon.FLASK.create(), e -> sweeps.open(stored.stored().projectId(),
                stored.stored().id(), stored.ranges().space(session.design(), catalog)));
        sweep.getElement().setAttribute("data-testid", "sweep");
        sweep.setEnabled(stored.stored().canEdit());
        sweep.setTooltipText(stored.stored().canEdit() ? "Search hyperparameters of the latest saved version, "
                + "starting from the sweep ranges set on its layers" : "Viewers cannot start sweeps");
        stored.controls().add(sweep);
    }

    private DesignerToolbar toolbar() {
        DesignImport importer = new DesignImport(json);
        UploadHandler upload = UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            DesignImport.Outcome outcome = importer.read(meta.fileName(), bytes);
            if (outcome.ok()) {
                replaceDesign(outcome.design());
                notify("Imported " + meta.fileName(), false);
            } else {
                notify("Could not import " + meta.fileName() + ": " + String.join("; ", outcome.errors()), true);
            }
        })));
        return new DesignerToolbar(new ToolbarActions(), DesignExport.handler(json, () -> session.design()),
                DesignExport.pytorchHandler(() -> session.design(), message -> notify(message, true)), upload,
                message -> notify(message, true));
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
        Design laidOut = needsLayout(design) ? new AutoLayout().apply(design) : design;
        session.apply(d -> laidOut);
        selection = List.of();
        orphan = null;
        selectRequest = List.of();
        selectSeq++;
        fitSeq++;
        refresh(true);
    }

    /** Designs written by hand often leave every node at the origin. */
    private static boolean needsLayout(Design design) {
        return design.nodes().size() > 1
                && design.nodes().stream().map(n -> n.position()).distinct().count() == 1;
    }

    private void handle(CanvasCommand command) {
        if (readOnly && !(command instanceof CanvasCommand.Select) && !(command instanceof CanvasCommand.Copy)
                && !(command instanceof CanvasCommand.Expand)
                && !(command instanceof CanvasCommand.Simple s && s.kind().equals("help"))) {
            notify(stored.stored() != null && !stored.stored().canEdit()
                    ? "You are a viewer of this workspace: you can look but not change this design."
                    : "This is a preview of an older version: go back to editing to change the design.", true);
            refresh(false);
            return;
        }
        try {
            switch (command) {
                case CanvasCommand.Add a -> {
                    Design base = session.design();
                    if (a.type().startsWith(dev.netwright.designer.block.BlockInstance.TYPE + ":")) {
                        // a workspace block: carry its newest version so the new instance can use it
                        String block = a.type().substring(dev.netwright.designer.block.BlockInstance.TYPE.length() + 1);
                        var def = blocks().latest(block).orElse(null);
                        if (def != null && dev.netwright.designer.block.BuiltInBlocks.library().latest(block).isEmpty()
                                && dev.netwright.designer.block.BlockLibrary.of(base.blocks()).find(def.ref()).isEmpty()) {
                            List<dev.netwright.designer.block.BlockDefinition> carried = new java.util.ArrayList<>(base.blocks());
                            carried.add(def);
                            base = base.withBlocks(carried);
                        }
                    }
                    var result = session.edits().addNode(base, a.type(), new Position(a.x(), a.y()));
                    session.apply(d -> result.design());
                    select(result.createdIds());
                }
                case CanvasCommand.Connect c when session.live()
                        && (session.design().node(c.source()).isEmpty() || session.design().node(c.target()).isEmpty())
                        -> session.submit(new DesignPatch(List.of(new DesignOp.AddEdge(
                                new dev.netwright.designer.model.Edge(c.source(), c.target(), c.port())))));
                case CanvasCommand.Connect c -> {
                    var replaced = readOnly ? java.util.Optional.<dev.netwright.designer.model.Edge>empty()
                            : session.edits().replaced(session.design(), c.source(), c.target(), c.port());
                    edit(d -> session.edits().connect(d, c.source(), c.target(), c.port()));
                    // a port takes one connection: the old one goes, visibly and undoably
                    replaced.ifPresent(old -> notify(c.target() + " now takes its input from " + c.source()
                            + " instead of " + old.from() + ". Undo (Ctrl+Z) brings the old connection back.", false));
                }
                case CanvasCommand.MoveNodes m when session.live() && !readOnly -> session.submit(new DesignPatch(
                        m.moves().stream().map(mv -> (DesignOp) new DesignOp.MoveNode(mv.nodeId(),
                                session.design().node(mv.nodeId()).map(n -> n.position())
                                        .orElse(new Position(mv.x(), mv.y())), new Position(mv.x(), mv.y())))
                                .toList()));
                case CanvasCommand.MoveNodes m -> edit(d -> session.edits().move(d, m.moves()));
                case CanvasCommand.Delete del -> {
                    edit(d -> session.edits().delete(d, del.nodeIds(), del.edges()));
                }
                case CanvasCommand.Select s -> {
                    orphan = null;
                    selection = List.copyOf(s.nodeIds());
                    showSelection();
                    announceSelection();
                    return;
                }
                case CanvasCommand.Copy c -> {
                    session.copy(c.nodeIds());
                    return;
                }
                case CanvasCommand.Freeze f -> {
                    edit(d -> new Freezing().upTo(d, f.nodeId()));
                    notify(Freezing.count(session.design()) + " layers frozen up to " + f.nodeId()
                            + ": their weights stay fixed when this design is trained. Undo (Ctrl+Z) reverts.", false);
                }
                case CanvasCommand.Expand e -> {
                    // the frame (of the top-level instance, which an inner one's opening grows) pushes the layers
                    // right of and below it aside, and collapsing brings them back: positions are the design's, so
                    // every co-editor sees the same room (FrameRoom)
                    String top = e.path().split("/", 2)[0];
                    var before = models.drawnSize(session.design(), expanded, top);
                    if (e.open()) {
                        expanded.add(e.path());
                    } else {
                        expanded.removeIf(p -> p.equals(e.path()) || p.startsWith(e.path() + "/"));
                    }
                    var after = models.drawnSize(session.design(), expanded, top);
                    if (!readOnly) {
                        session.arrange(d -> dev.netwright.designer.layout.FrameRoom.resize(d, top, before, after));
                    }
                }
                case CanvasCommand.Ungroup u -> {
                    edit(d -> dev.netwright.designer.block.BlockUngrouping.ungroup(d, u.nodeId(), blocks()));
                    expanded.removeIf(p -> p.equals(u.nodeId()) || p.startsWith(u.nodeId() + "/"));
                    notify("Block instance " + u.nodeId() + " ungrouped into its layers. Undo (Ctrl+Z) reverts.",
                            false);
                }
                case CanvasCommand.EditBlock b -> openBlock(b.nodeId());
                case CanvasCommand.Simple s -> simple(s.kind());
            }
        } catch (IllegalArgumentException e) {
            notify(e.getMessage(), true);
        }
        refresh(false);
    }

    private void simple(String kind) {
        switch (kind) {
            case "paste" -> select(session.paste());
            case "undo" -> session.undo();
            case "redo" -> session.redo();
            case "layout" -> {
                edit(d -> new AutoLayout().apply(d));
                fitSeq++;
            }
            case "unfreeze" -> edit(d -> new Freezing().none(d));
            case "help" -> new ShortcutsHelp().open();
            case "templates" -> openGallery();
            default -> throw new IllegalArgumentException("unknown command " + kind);
        }
    }

    private void edit(java.util.function.UnaryOperator<Design> change) {
        if (readOnly) {
            notify("This design is read only here.", true);
            return;
        }
        session.apply(d -> pinned(change.apply(d)));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        stored.attach(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stored.detach();
    }

    private void select(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        selection = List.copyOf(ids);
        selectRequest = selection;
        selectSeq++;
    }

    private void refresh(boolean fit) {
        Design d = session.design();
        selection = selection.stream().filter(id -> d.node(id).isPresent()).toList();
        expanded.removeIf(p -> d.node(p.split("/", 2)[0]).filter(dev.netwright.designer.block.BlockInstance::isInstance)
                .isEmpty());
        canvas.show(models.build(session.revision(), d, session.analysis(), selectRequest, selectSeq, fitSeq, expanded)
                .marked(marks == null ? Map.of() : marks.marks(), readOnly)
                .noted(stored.stored() == null || marks != null ? Map.of() : stored.ranges().notes(d, catalog))
                .withEditors(marks != null || openBlock != null ? Map.of() : editorsByLayer()));
        totals.show(session.analysis());
        toolbar.showHistory(session.canUndo() && !readOnly, session.canRedo() && !readOnly);
        toolbar.showName(d.name());
        toolbar.setEditable(!readOnly);
        properties.setEnabled(!readOnly);
        stored.refreshControls();
        showSelection();
        announceSelection();
    }

    /** The others see what this tab has selected (a live stored design only). */
    private void announceSelection() {
        if (stored.live() != null && !stored.previewing()) {
            // the others see no selection while this tab edits a block: its layer ids are not the design's
            stored.live().select(openBlock != null ? List.of() : selection);
        }
    }

    /** Layer id to the names of the other editors who have it selected. */
    private Map<String, String> editorsByLayer() {
        Map<String, java.util.TreeSet<String>> by = new java.util.HashMap<>();
        for (LiveDesignFeed.Presence p : others) {
            p.selection().forEach(id -> by.computeIfAbsent(id, k -> new java.util.TreeSet<>()).add(p.user()));
        }
        Map<String, String> names = new java.util.HashMap<>();
        by.forEach((id, users) -> names.put(id, String.join(", ", users)));
        return names;
    }

    /** What the others did reaches this tab here (under the UI lock). */
    private final class LiveListener implements LiveEditing.Listener {
        @Override
        public void remote(Design shared) {
            if (stored.previewing()) {
                return; // the preview of an old version stays; back to editing reads the state as it is then
            }
            // while a block is open, the selection is of the block's layers, not of the shared design's
            for (String id : openBlock != null ? List.<String>of() : selection) {
                if (shared.node(id).isEmpty() && session.design().node(id).isPresent()) {
                    DesignerView.notify("Layer " + id + ", which you had selected, was deleted by another editor",
                            true);
                    if (selection.size() == 1) {
                        orphan = session.design().node(id).orElseThrow();
                    }
                }
            }
            (openBlock != null ? openBlock.host() : session).remote(shared);
            refresh(false);
        }

        @Override
        public void roster(List<LiveDesignFeed.Presence> now) {
            others = now;
            presence.show(now);
            refresh(false);
        }

        @Override
        public void conflicts(List<dev.netwright.designer.coedit.Conflict> conflicts) {
            presence.conflicts(conflicts);
        }
    }

    private void showSelection() {
        if (selection.isEmpty() && orphan != null) {
            var kind = catalog.find(orphan.type()).or(() -> instanceKind(orphan));
            if (kind.isPresent()) {
                properties.showNode(orphan, kind.get(), null, List.of(orphan.id()));
                return;
            }
        }
        if (selection.size() == 1) {
            var node = session.design().node(selection.get(0));
            var kind = node.flatMap(n -> catalog.find(n.type()).or(() -> instanceKind(n)));
            if (node.isPresent() && kind.isPresent()) {
                properties.showNode(node.get(), kind.get(), session.analysis().node(node.get().id()).orElse(null),
                        selection);
                return;
            }
        }
        properties.showNothing(selection.size(), session.analysis().problems().stream()
                .filter(p -> p.nodeId() == null).toList());
    }

    /** The blocks this design can use: its workspace's library (with the built-in ones), or the built-in ones. */
    private dev.netwright.designer.block.BlockLibrary blocks() {
        return stored.stored() == null ? dev.netwright.designer.block.BuiltInBlocks.library()
                : blockLibrary.library(stored.workspace());
    }

    /**
     * A stored design carries the workspace block versions its instances use as soon as they are used (a block
     * dropped from the palette, a version raised in the panel), so the analysis sees them before the save.
     */
    private Design pinned(Design d) {
        return stored.stored() == null || !d.hasBlockInstances() ? d : blockLibrary.pin(stored.workspace(), d);
    }

    /** A block instance shows its pinned version and exposed parameters in the property panel. */
    private java.util.Optional<dev.netwright.designer.catalog.LayerKind> instanceKind(
            dev.netwright.designer.model.Node n) {
        var library = dev.netwright.designer.block.BlockLibrary.of(session.design().blocks()).before(blocks());
        return dev.netwright.designer.block.BlockInstance.of(n).flatMap(b -> library.find(b.ref())
                .map(def -> new dev.netwright.frontend.designer.panel.BlockInstanceKind(def,
                        library.latest(def.name()).map(d -> d.version()).orElse(def.version()))));
    }

    /**
     * "Edit block": the newest version of the instance's workspace block opens in the canvas (its inputs as Input
     * layers shaped like the instance's inputs); saving makes the next version in the workspace's library.
     */
    private void openBlock(String instanceId) {
        if (openBlock != null) {
            throw new IllegalArgumentException("Finish editing block " + openBlock.editing().block().name()
                    + " first");
        }
        var node = session.design().node(instanceId).orElseThrow(
                () -> new IllegalArgumentException("there is no layer '" + instanceId + "'"));
        var instance = dev.netwright.designer.block.BlockInstance.of(node).orElseThrow(
                () -> new IllegalArgumentException("'" + instanceId + "' is not a block instance"));
        String name = instance.ref().name();
        if (dev.netwright.designer.block.BuiltInBlocks.library().latest(name).isPresent()) {
            throw new IllegalArgumentException("'" + name + "' is a built-in block and cannot be changed: Ungroup "
                    + "the instance and make a block of your own from its layers");
        }
        if (stored.stored() == null) {
            throw new IllegalArgumentException("Blocks live in a workspace's library: save this design in a project "
                    + "to edit its blocks");
        }
        var library = dev.netwright.designer.block.BlockLibrary.of(session.design().blocks()).before(blocks());
        var block = library.latest(name).orElseThrow(() -> new IllegalArgumentException("no block '" + name + "'"));
        var report = session.analysis().node(instanceId).orElse(null);
        List<dev.netwright.designer.model.Shape> shapes = report == null ? List.of() : report.inputs().stream()
                .map(in -> session.analysis().node(in).map(r -> r.outputShape()).orElse(null)).toList();
        var editing = dev.netwright.designer.block.BlockEditing.open(block, instance.values(), shapes);
        BlockEditBanner banner = new BlockEditBanner(editing, block.version(), this::saveBlock, this::closeBlock);
        openBlock = new OpenBlock(session, java.util.Set.copyOf(expanded), editing, block.version(), banner);
        session = new DesignSession(catalog, new AutoLayout().apply(editing.design()));
        expanded.clear();
        selection = List.of();
        selectRequest = List.of();
        selectSeq++;
        fitSeq++;
        addComponentAtIndex(indexOf(toolbar) + 1, banner);
        if (block.version() > instance.ref().version()) {
            notify(instanceId + " uses version " + instance.ref().version() + "; the newest, version "
                    + block.version() + ", is open", false);
        }
    }

    private void saveBlock() {
        if (openBlock == null) {
            return;
        }
        try {
            var block = dev.netwright.designer.block.BlockEditing.save(openBlock.editing(), session.design(),
                    openBlock.banner().documentation(), openBlock.latest() + 1);
            var saved = blockLibrary.newVersion(user.get(), stored.editableWorkspace(), block.name(),
                    openBlock.latest(), json.blockTree(block), "edited in design " + stored.stored().name());
            closeBlock();
            canvas.setPalette(models.palette(blocks()));
            notify("Saved block " + block.name() + " version " + saved.version() + ". Instances of older versions "
                    + "offer the upgrade in the property panel.", false);
        } catch (IllegalArgumentException | dev.netwright.backend.api.ApiException e) {
            notify(e.getMessage(), true);
        }
    }

    /** Back to the design as it was when the block was opened (with what others did live meanwhile). */
    private void closeBlock() {
        if (openBlock == null) {
            return;
        }
        session = openBlock.host();
        expanded.clear();
        expanded.addAll(openBlock.hostExpanded());
        dropOpenBlock();
        selection = List.of();
        selectRequest = List.of();
        selectSeq++;
        fitSeq++;
        refresh(false);
    }

    private void dropOpenBlock() {
        if (openBlock != null) {
            remove(openBlock.banner());
            openBlock = null;
        }
    }

    private static void notify(String message, boolean error) {
        Notification n = Notification.show(message, error ? 8000 : 3000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }

    /** Toolbar buttons take the same path as the canvas's keyboard shortcuts. */
    private final class ToolbarActions implements DesignerToolbar.Actions {
        /** The learn page reads the design from the session, so unsaved edits and scratch designs work too. */
        @Override
        public void learn(LearnNav.Page page) {
            DesignHandoff.offer(session.design());
            getUI().ifPresent(ui -> ui.navigate(page.route(), QueryParameters.of("design", "current")));
        }

        @Override
        public void rename(String designName) {
            edit(d -> d.withName(designName));
            refresh(false);
        }

        @Override
        public void newDesign() {
            openGallery();
        }

        @Override
        public void undo() {
            handle(new CanvasCommand.Simple("undo"));
        }

        @Override
        public void redo() {
            handle(new CanvasCommand.Simple("redo"));
        }

        @Override
        public void autoLayout() {
            handle(new CanvasCommand.Simple("layout"));
        }

        @Override
        public void help() {
            new ShortcutsHelp().open();
        }

        @Override
        public void makeBlock() {
            if (readOnly) {
                DesignerView.notify("This design is read only here.", true);
                return;
            }
            List<String> chosen = selection;
            com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
            dialog.setHeaderTitle("Make block from " + chosen.size() + (chosen.size() == 1 ? " layer" : " layers"));
            com.vaadin.flow.component.textfield.TextField name =
                    new com.vaadin.flow.component.textfield.TextField("Block name");
            name.getElement().setAttribute("data-testid", "block-name");
            com.vaadin.flow.component.textfield.TextField description =
                    new com.vaadin.flow.component.textfield.TextField("What it does");
            dialog.add(new com.vaadin.flow.component.orderedlayout.VerticalLayout(name, description));
            com.vaadin.flow.component.button.Button make = new com.vaadin.flow.component.button.Button("Make block",
                    e -> {
                        try {
                            String blockName = name.getValue().strip();
                            String what = description.getValue().strip();
                            String instanceId;
                            String notice = "";
                            if (session.live()) {
                                // made by the server from the shared state, with its library block, all or nothing
                                var made = stored.live().makeBlock(liveBlocks, session.design(), chosen, blockName,
                                        what, "made in design " + stored.stored().name());
                                session.adopt(new DesignSession.Synced(made.submitted().design(),
                                        made.submitted().applied()));
                                instanceId = made.block().instanceId();
                                notice = made.notice();
                            } else {
                                var result = dev.netwright.designer.block.BlockExtraction.extract(session.design(),
                                        chosen, blockName, what);
                                if (stored.stored() != null) {
                                    // a stored design's new block goes into its workspace's library (version 1)
                                    blockLibrary.create(user.get(), stored.editableWorkspace(),
                                            json.blockTree(result.block()), "made in design "
                                                    + stored.stored().name());
                                }
                                session.apply(d -> result.design());
                                instanceId = result.instanceId();
                            }
                            dialog.close();
                            select(List.of(instanceId));
                            refresh(false);
                            DesignerView.notify(notice.isEmpty() ? "Block '" + blockName + "' made" : notice,
                                    !notice.isEmpty());
                        } catch (IllegalArgumentException | dev.netwright.backend.api.ApiException ex) {
                            DesignerView.notify(ex.getMessage(), true);
                        }
                    });
            make.getElement().setAttribute("data-testid", "make-block-confirm");
            dialog.getFooter().add(new com.vaadin.flow.component.button.Button("Cancel", e -> dialog.close()), make);
            dialog.open();
        }
    }

    /** The property panel's edits go through the same session as the canvas's. */
    private final class PanelActions implements PropertyPanel.Actions {
        @Override
        public void setParam(String nodeId, String param, Object value) {
            if (session.live() && !readOnly && session.design().node(nodeId).isEmpty()) {
                // deleted by another editor meanwhile: the server reports it (and logs it) instead of a silent no-op
                session.submit(new DesignPatch(List.of(new DesignOp.SetParam(nodeId, param, value, value))));
                refresh(false);
                return;
            }
            edit(d -> session.edits().setParam(d, nodeId, param, value));
            refresh(false);
        }

        @Override
        public void setParamOver(String nodeId, String param, Object seen, Object value) {
            var node = session.design().node(nodeId);
            if (!session.live() || readOnly || node.isEmpty()
                    || java.util.Objects.equals(node.get().params().get(param), seen)) {
                setParam(nodeId, param, value);
                return;
            }
            // typed over a value a co-editor had already replaced: sent as replacing what the user saw, so the
            // earlier edit stands and the user is told which value won (the live rules), never overwritten unseen
            session.submit(new DesignPatch(List.of(new DesignOp.SetParam(nodeId, param, seen, value))));
            refresh(false);
        }

        @Override
        public void rename(String nodeId, String newId) {
            edit(d -> session.edits().rename(d, nodeId, newId));
            if (session.design().node(newId.strip()).isPresent() && session.design().node(nodeId).isEmpty()) {
                stored.ranges().rename(nodeId, newId.strip());
            }
            selection = selection.stream().map(id -> id.equals(nodeId) ? newId.strip() : id).toList();
            select(selection);
            refresh(false);
        }

        @Override
        public void delete(List<String> nodeIds) {
            handle(new CanvasCommand.Delete(nodeIds, List.of()));
        }
    }

    /** The stored-design logic sees the canvas only through this. */
    private final class Host implements DesignHost {
        @Override
        public Design current() {
            return (openBlock != null ? openBlock.host() : session).design();
        }

        @Override
        public long revision() {
            return (openBlock != null ? openBlock.host() : session).revision();
        }

        @Override
        public void load(Design design) {
            dropOpenBlock();
            Design laidOut = needsLayout(design) ? new AutoLayout().apply(design) : design;
            session = new DesignSession(catalog, laidOut);
            marks = null;
            selection = List.of();
            orphan = null;
            selectRequest = List.of();
            selectSeq++;
            // fitting an empty canvas would zoom in and make palette drops land on top of each other
            if (!laidOut.nodes().isEmpty()) {
                fitSeq++;
            }
        }

        @Override
        public void loadLive(Design working, LiveEditing live) {
            dropOpenBlock();
            session = new DesignSession(catalog, working);
            session.goLive(live);
            marks = null;
            selection = List.of();
            orphan = null;
            selectRequest = List.of();
            selectSeq++;
            if (!working.nodes().isEmpty()) {
                fitSeq++;
            }
            // laid out in the shared state, not just here, so every editor sees the same canvas
            if (needsLayout(working) && stored.stored().canEdit()) {
                session.apply(d -> new AutoLayout().apply(d));
            }
        }

        @Override
        public void present(DiffMarks diff, boolean readOnlyNow) {
            marks = diff;
            readOnly = readOnlyNow;
            refresh(false);
        }
    }
}
