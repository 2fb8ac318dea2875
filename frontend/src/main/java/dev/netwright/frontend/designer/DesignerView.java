package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
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
import dev.netwright.frontend.designer.session.AutoLayout;
import dev.netwright.frontend.designer.session.DesignSession;
import java.util.List;

/**
 * The designer: palette and canvas (React Flow), property panel and totals. Every gesture on the canvas becomes an
 * edit of the server-side design, which is re-analysed and drawn again with shapes, counts and problems.
 */
@Route("designer")
@RouteAlias("")
@PageTitle("Designer · Netwright")
public class DesignerView extends VerticalLayout implements BeforeEnterObserver {
    private final LayerCatalog catalog = LayerCatalog.standard();
    private final DesignJson json = new DesignJson(catalog);
    private final CanvasModels models = new CanvasModels(catalog);
    private final DesignSession session = new DesignSession(catalog, DesignSession.blank());
    private final DesignCanvas canvas = new DesignCanvas(models.palette());
    private final PropertyPanel properties = new PropertyPanel(new PanelActions());
    private final TotalsBar totals = new TotalsBar();
    private final TextField designName = new TextField();
    private final Button undo = new Button(VaadinIcon.ARROW_BACKWARD.create());
    private final Button redo = new Button(VaadinIcon.ARROW_FORWARD.create());
    private List<String> selection = List.of();
    private List<String> selectRequest = List.of();
    private long selectSeq;
    private long fitSeq;

    public DesignerView() {
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("nw-designer");

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

        add(toolbar(), main, totals);
        setFlexGrow(1, main);
        refresh(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("template")
                .flatMap(Templates::find).map(Template::design).ifPresent(this::replaceDesign);
    }

    private HorizontalLayout toolbar() {
        Span brand = new Span("Netwright");
        brand.addClassName("nw-brand");
        designName.setValue(session.design().name());
        designName.setAriaLabel("design name");
        designName.addClassName("nw-design-name");
        designName.addValueChangeListener(e -> {
            if (e.isFromClient() && !e.getValue().isBlank()) {
                edit(d -> d.withName(e.getValue().strip()));
            }
        });

        Button newDesign = new Button("New", VaadinIcon.PLUS.create(), e -> openGallery());
        newDesign.getElement().setAttribute("data-testid", "new-design");

        Upload upload = importUpload();

        Button exportButton = new Button("Export JSON", VaadinIcon.DOWNLOAD.create());
        exportButton.setTabIndex(-1);
        Anchor export = new Anchor(DesignExport.handler(json, session::design), "");
        export.getElement().setAttribute("download", true);
        export.getElement().setAttribute("data-testid", "export-json");
        export.add(exportButton);

        undo.setTooltipText("Undo (Ctrl+Z)");
        undo.setAriaLabel("Undo");
        undo.addClickListener(e -> handle(new CanvasCommand.Simple("undo")));
        redo.setTooltipText("Redo (Ctrl+Shift+Z)");
        redo.setAriaLabel("Redo");
        redo.addClickListener(e -> handle(new CanvasCommand.Simple("redo")));
        Button layout = new Button("Auto-layout", VaadinIcon.SITEMAP.create(),
                e -> handle(new CanvasCommand.Simple("layout")));
        Button help = new Button(VaadinIcon.QUESTION_CIRCLE_O.create(), e -> new ShortcutsHelp().open());
        help.setTooltipText("Keyboard shortcuts (?)");
        help.setAriaLabel("Keyboard shortcuts");
        help.getElement().setAttribute("data-testid", "help");
        for (Button b : List.of(undo, redo, help)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        }

        Div spacer = new Div();
        HorizontalLayout bar = new HorizontalLayout(brand, designName, newDesign, upload, export, spacer, undo, redo,
                layout, help);
        bar.setFlexGrow(1, spacer);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.addClassName("nw-toolbar");
        return bar;
    }

    private Upload importUpload() {
        DesignImport importer = new DesignImport(json);
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            DesignImport.Outcome outcome = importer.read(meta.fileName(), bytes);
            if (outcome.ok()) {
                replaceDesign(outcome.design());
                notify("Imported " + meta.fileName(), false);
            } else {
                notify("Could not import " + meta.fileName() + ": " + String.join("; ", outcome.errors()), true);
            }
        }))));
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setDropAllowed(false);
        upload.setMaxFiles(1);
        Button button = new Button("Import JSON", VaadinIcon.UPLOAD.create());
        upload.setUploadButton(button);
        upload.addSucceededListener(e -> upload.clearFileList());
        upload.addFileRejectedListener(e -> notify(e.getErrorMessage(), true));
        upload.addClassName("nw-import");
        upload.getElement().setAttribute("data-testid", "import-json");
        return upload;
    }

    private void openGallery() {
        new TemplateGallery(DesignSession.blank(), this::replaceDesign).open();
    }

    /** A new or imported design replaces the canvas as one undoable step. */
    private void replaceDesign(Design design) {
        Design laidOut = needsLayout(design) ? new AutoLayout().apply(design) : design;
        session.apply(d -> laidOut);
        designName.setValue(laidOut.name());
        selection = List.of();
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
        try {
            switch (command) {
                case CanvasCommand.Add a -> {
                    var result = session.edits().addNode(session.design(), a.type(), new Position(a.x(), a.y()));
                    session.apply(d -> result.design());
                    select(result.createdIds());
                }
                case CanvasCommand.Connect c -> edit(d -> session.edits().connect(d, c.source(), c.target(), c.port()));
                case CanvasCommand.MoveNodes m -> edit(d -> session.edits().move(d, m.moves()));
                case CanvasCommand.Delete del -> {
                    edit(d -> session.edits().delete(d, del.nodeIds(), del.edges()));
                }
                case CanvasCommand.Select s -> {
                    selection = List.copyOf(s.nodeIds());
                    showSelection();
                    return;
                }
                case CanvasCommand.Copy c -> {
                    session.copy(c.nodeIds());
                    return;
                }
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
            case "help" -> new ShortcutsHelp().open();
            case "templates" -> openGallery();
            default -> throw new IllegalArgumentException("unknown command " + kind);
        }
    }

    private void edit(java.util.function.UnaryOperator<Design> change) {
        session.apply(change);
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
        canvas.show(models.build(session.revision(), d, session.analysis(), selectRequest, selectSeq, fitSeq));
        totals.show(session.analysis());
        undo.setEnabled(session.canUndo());
        redo.setEnabled(session.canRedo());
        if (!designName.getValue().equals(d.name())) {
            designName.setValue(d.name());
        }
        showSelection();
    }

    private void showSelection() {
        if (selection.size() == 1) {
            var node = session.design().node(selection.get(0));
            var kind = node.flatMap(n -> catalog.find(n.type()));
            if (node.isPresent() && kind.isPresent()) {
                properties.showNode(node.get(), kind.get(), session.analysis().node(node.get().id()).orElse(null),
                        selection);
                return;
            }
        }
        properties.showNothing(selection.size());
    }

    private static void notify(String message, boolean error) {
        Notification n = Notification.show(message, error ? 8000 : 3000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }

    /** The property panel's edits go through the same session as the canvas's. */
    private final class PanelActions implements PropertyPanel.Actions {
        @Override
        public void setParam(String nodeId, String param, Object value) {
            edit(d -> session.edits().setParam(d, nodeId, param, value));
            refresh(false);
        }

        @Override
        public void rename(String nodeId, String newId) {
            edit(d -> session.edits().rename(d, nodeId, newId));
            selection = selection.stream().map(id -> id.equals(nodeId) ? newId.strip() : id).toList();
            select(selection);
            refresh(false);
        }

        @Override
        public void delete(List<String> nodeIds) {
            handle(new CanvasCommand.Delete(nodeIds, List.of()));
        }
    }
}
