package dev.netwright.frontend.dataset;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.project.ProjectPage;
import dev.netwright.frontend.project.ProjectHeader;
import dev.netwright.frontend.ui.EmptyState;
import dev.netwright.frontend.ui.UiErrors;
import jakarta.annotation.security.PermitAll;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A project's uploaded datasets (CSV/TSV tables, ZIPs of class folders) with previews, and the built-in ones. */
@Route("projects/:projectId/datasets")
@PageTitle("Datasets · Netwright")
@PermitAll
public class DatasetsView extends ProjectPage {
    private final DatasetService datasets;
    /** Read on the request thread: the upload handler runs on another one. */
    private AppUser signedIn;
    private final Div uploads = new Div();

    DatasetsView(DatasetService datasets, ProjectService projects, WorkspaceAccess access, CurrentUser user) {
        super(projects, access, user);
        this.datasets = datasets;
    }

    @Override
    protected void show() {
        signedIn = user.get();
        removeAll();
        HorizontalLayout columns = new HorizontalLayout(uploadColumn(), builtIns());
        columns.setWidthFull();
        columns.setFlexGrow(2, columns.getComponentAt(0));
        columns.setFlexGrow(1, columns.getComponentAt(1));
        add(new ProjectHeader(ctx), columns);
        showUploads();
    }

    private VerticalLayout uploadColumn() {
        Upload upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
            try (InputStream in = new FileInputStream(file)) {
                var stored = datasets.upload(signedIn, ctx.project().id(), null, meta.fileName(), in);
                getUI().ifPresent(ui -> ui.access(() -> {
                    UiErrors.success("Uploaded " + stored.name());
                    showUploads();
                }));
            } catch (ApiException | IOException e) {
                String why = e instanceof ApiException a ? UiErrors.sentence(a) : "the file could not be read";
                getUI().ifPresent(ui -> ui.access(() -> UiErrors.error("Could not upload " + meta.fileName()
                        + ": " + why)));
            } finally {
                file.delete();
            }
        }));
        upload.setAcceptedFileTypes(".csv", ".tsv", ".zip");
        upload.setEnabled(ctx.canEdit());
        upload.getElement().setAttribute("data-testid", "dataset-upload");
        upload.addAllFinishedListener(e -> upload.clearFileList());
        dev.netwright.frontend.ui.UploadRejections.explain(upload,
                "CSV or TSV tables (.csv, .tsv) and ZIPs of image folders (.zip)");
        VerticalLayout column = new VerticalLayout(new H3("Your datasets"), new Paragraph(
                "Upload a CSV or TSV table (one row per sample, a label column) or a ZIP with one folder of images "
                        + "per class. The progress shows while it uploads; a preview follows."), upload, uploads);
        column.setPadding(false);
        return column;
    }

    private void showUploads() {
        uploads.removeAll();
        var list = datasets.list(signedIn, ctx.project().id());
        if (list.isEmpty()) {
            uploads.add(new EmptyState("No uploaded datasets",
                    "Upload one above, or train on a built-in dataset from the list beside."));
            return;
        }
        for (var d : list) {
            uploads.add(new DatasetPreview(d));
        }
    }

    private static VerticalLayout builtIns() {
        Grid<BuiltInDataset> grid = new Grid<>();
        grid.addColumn(BuiltInDataset::title).setHeader("Built-in").setAutoWidth(true);
        grid.addColumn(b -> b.task() + (b.classes() > 0 ? " · " + b.classes() + " classes" : "")).setHeader("Task")
                .setAutoWidth(true);
        grid.addColumn(b -> String.format("%,d", b.samples())).setHeader("Samples").setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.TextRenderer<>(BuiltInDataset::description));
        grid.setItems(BuiltInDataset.ALL);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "builtin-datasets");
        VerticalLayout column = new VerticalLayout(new H3("Built-in datasets"), grid);
        column.setPadding(false);
        return column;
    }
}
