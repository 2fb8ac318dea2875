package dev.netwright.frontend.project;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.design.DesignViews;
import dev.netwright.backend.design.ImportedDesigns;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.DesignerView;
import dev.netwright.frontend.designer.gallery.TemplateGallery;
import dev.netwright.frontend.designer.io.DesignImport;
import dev.netwright.designer.layout.AutoLayout;
import dev.netwright.frontend.designer.session.DesignSession;
import dev.netwright.frontend.ui.EmptyState;
import dev.netwright.frontend.ui.NameDialog;
import dev.netwright.frontend.ui.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A project's designs: open one, or create one empty, from the template gallery, from a JSON file or from an ONNX
 * model with its weights.
 */
@Route("projects/:projectId")
@PageTitle("Designs · Netwright")
@PermitAll
public class DesignsView extends ProjectPage {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final DesignService designs;
    private final dev.netwright.backend.run.RunService runs;
    private final DesignJson json = new DesignJson(LayerCatalog.standard());

    private final ImportedDesigns imported;

    DesignsView(DesignService designs, ProjectService projects, WorkspaceAccess access, CurrentUser user,
                dev.netwright.backend.run.RunService runs, ImportedDesigns imported) {
        super(projects, access, user);
        this.designs = designs;
        this.runs = runs;
        this.imported = imported;
    }

    @Override
    protected void show() {
        removeAll();
        add(new ProjectHeader(ctx), actions());
        var list = designs.list(user.get(), ctx.project().id());
        if (list.isEmpty()) {
            add(new EmptyState("No designs yet", ctx.canEdit()
                    ? "A design is a network you draw layer by layer. Start from an empty canvas, pick a ready-made "
                            + "template (an MLP for Fashion-MNIST is a good first one) or import a JSON file."
                    : "Nothing to look at yet: editors of this workspace create designs here."));
            return;
        }
        Grid<DesignViews.Summary> grid = new Grid<>();
        grid.addComponentColumn(d -> {
            RouterLink link = new RouterLink(d.name(), DesignerView.class, DesignerView.params(d.id()));
            link.getElement().setAttribute("data-testid", "design-link");
            return link;
        }).setHeader("Design").setFlexGrow(3);
        grid.addColumn(d -> "v" + d.latestVersion()).setHeader("Latest version");
        grid.addColumn(d -> d.updatedAt().format(WHEN)).setHeader("Updated");
        grid.addColumn(DesignViews.Summary::createdBy).setHeader("Created by");
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "designs");
        add(grid, new dev.netwright.frontend.model.TrainedModels(runs, user.get(), ctx.project().id()));
    }

    private HorizontalLayout actions() {
        Button empty = new Button("New empty design", VaadinIcon.PLUS.create(), e -> new NameDialog("New design",
                "Design name", "Create design", name -> {
            if (name == null || name.isBlank()) {
                throw ApiException.badRequest("give the design a name");
            }
            open(designs.create(user.get(), ctx.project().id(), name, new DesignService.Source.Empty(), null));
        }).open());
        empty.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        empty.getElement().setAttribute("data-testid", "new-empty-design");
        Button template = new Button("From template", VaadinIcon.GRID_BIG.create(),
                e -> new TemplateGallery(DesignSession.blank(), this::createFrom).open());
        template.getElement().setAttribute("data-testid", "new-from-template");
        Upload upload = importUpload();
        Upload onnx = onnxUpload();
        for (var c : new com.vaadin.flow.component.HasEnabled[] {empty, template, upload, onnx}) {
            c.setEnabled(ctx.canEdit());
        }
        return new HorizontalLayout(empty, template, upload, onnx);
    }

    /** Templates are laid out afresh, as the designer does, so problems shown on nodes have room. */
    private void createFrom(Design design) {
        Design laidOut = design.nodes().isEmpty() ? design : new AutoLayout().apply(design);
        UiErrors.attempt(() -> open(designs.create(user.get(), ctx.project().id(), laidOut.name(),
                new DesignService.Source.Imported(json.write(laidOut)), null)));
    }

    private Upload importUpload() {
        DesignImport importer = new DesignImport(json);
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            DesignImport.Outcome outcome = importer.read(meta.fileName(), bytes);
            if (outcome.ok()) {
                createFrom(outcome.design());
            } else {
                UiErrors.error("Could not import " + meta.fileName() + ": " + String.join("; ", outcome.errors()));
            }
        }))));
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setDropAllowed(false);
        upload.setMaxFiles(1);
        upload.setUploadButton(new Button("Import JSON", VaadinIcon.UPLOAD.create()));
        upload.getElement().setAttribute("data-testid", "import-design");
        upload.addClassName("nw-import");
        upload.addAllFinishedListener(e -> upload.clearFileList());
        dev.netwright.frontend.ui.UploadRejections.explain(upload, "design files saved as JSON (.json)");
        return upload;
    }

    /**
     * An ONNX model (e.g. from torch.onnx.export) as a new design whose first version carries its weights; the
     * upload shows its progress, the import then takes seconds for large networks.
     */
    private Upload onnxUpload() {
        var who = user.get();
        UUID projectId = ctx.project().id();
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> {
            // the import (seconds for a ResNet-50, longer for a VGG) runs in the upload's request without holding
            // the page's lock, so the page stays responsive meanwhile; only showing the result takes the lock
            ImportedDesigns.Imported result;
            try {
                result = imported.importOnnx(who, projectId, null, meta.fileName(), bytes);
            } catch (ApiException e) {
                ui.access(() -> UiErrors.attempt(() -> {
                    throw e;
                }));
                return;
            }
            ui.access(() -> {
                UiErrors.success(String.format("Imported %s: %d layers, %,d parameters", meta.fileName(),
                        result.layers(), result.trainableParams() + result.nonTrainableParams()));
                open(result.saved());
            });
        })));
        upload.setAcceptedFileTypes(".onnx");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(512 * 1024 * 1024);
        upload.setUploadButton(new Button("Import ONNX", VaadinIcon.UPLOAD_ALT.create()));
        upload.getElement().setAttribute("data-testid", "import-onnx");
        upload.addFileRejectedListener(e -> UiErrors.error(e.getErrorMessage()));
        upload.addClassName("nw-import");
        return upload;
    }

    private void open(DesignViews.Saved saved) {
        UI.getCurrent().navigate(DesignerView.class, DesignerView.params(saved.designId()));
    }
}
