package dev.netwright.frontend.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import dev.netwright.frontend.learn.LearnNav;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import java.util.List;
import java.util.function.Consumer;

/** The designer's top bar: design name, new/import/export, undo/redo, auto-layout and the shortcuts help. */
final class DesignerToolbar extends HorizontalLayout {

    /** What the toolbar's buttons do. */
    interface Actions {
        void rename(String designName);

        void newDesign();

        void undo();

        void redo();

        void autoLayout();

        void help();

        /** Turns the selected layers into a block used by one instance ("Make block"). */
        void makeBlock();

        /** Opens a learn page on the current design. */
        void learn(LearnNav.Page page);
    }

    private final TextField designName = new TextField();
    private final Button undo = new Button(VaadinIcon.ARROW_BACKWARD.create());
    private final Button redo = new Button(VaadinIcon.ARROW_FORWARD.create());
    private final List<com.vaadin.flow.component.HasEnabled> editing = new java.util.ArrayList<>();
    private final Div spacer = new Div();

    DesignerToolbar(Actions actions, DownloadHandler export, DownloadHandler pytorch, UploadHandler importer,
                    Consumer<String> onRejected) {
        // the designer uses the whole window (no app frame); the brand leads back to the workspaces
        Anchor brand = new Anchor("/", "Netwright");
        brand.addClassName("nw-brand");
        designName.setAriaLabel("design name");
        designName.addClassName("nw-design-name");
        designName.addValueChangeListener(e -> {
            if (e.isFromClient() && !e.getValue().isBlank()) {
                actions.rename(e.getValue().strip());
            }
        });

        Button newDesign = new Button("New", VaadinIcon.PLUS.create(), e -> actions.newDesign());
        newDesign.getElement().setAttribute("data-testid", "new-design");

        undo.setTooltipText("Undo (Ctrl+Z)");
        undo.setAriaLabel("Undo");
        undo.getElement().setAttribute("data-testid", "undo");
        undo.addClickListener(e -> actions.undo());
        redo.setTooltipText("Redo (Ctrl+Shift+Z)");
        redo.setAriaLabel("Redo");
        redo.getElement().setAttribute("data-testid", "redo");
        redo.addClickListener(e -> actions.redo());
        Button layout = new Button("Auto-layout", VaadinIcon.SITEMAP.create(), e -> actions.autoLayout());
        layout.setTooltipText("Arrange the layers top to bottom (L)");
        layout.getElement().setAttribute("data-testid", "auto-layout");
        Button makeBlock = new Button(VaadinIcon.CUBE.create(), e -> actions.makeBlock());
        makeBlock.setTooltipText("Make block: turn the selected layers into a reusable block");
        makeBlock.setAriaLabel("Make block");
        makeBlock.getElement().setAttribute("data-testid", "make-block");
        Button help = new Button(VaadinIcon.QUESTION_CIRCLE_O.create(), e -> actions.help());
        help.setTooltipText("Keyboard shortcuts (?)");
        help.setAriaLabel("Keyboard shortcuts");
        help.getElement().setAttribute("data-testid", "help");
        for (Button b : List.of(undo, redo, makeBlock, help)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        }

        MenuBar learn = new MenuBar();
        learn.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        learn.getElement().setAttribute("data-testid", "designer-learn");
        SubMenu pages = learn.addItem(new Span("Learn")).getSubMenu();
        for (LearnNav.Page page : List.of(LearnNav.INSPECTOR, LearnNav.PARAMETERS)) {
            pages.addItem(page.title() + " of this design", e -> actions.learn(page))
                    .getElement().setAttribute("data-testid", "designer-" + page.route().replace('/', '-'));
        }

        Upload importer1 = importUpload(importer, onRejected);
        editing.addAll(List.of(designName, newDesign, importer1, layout, makeBlock));
        add(brand, designName, newDesign, importer1, exportLink(export), pytorchLink(pytorch), spacer, undo, redo,
                layout, makeBlock, learn, help);
        setFlexGrow(1, spacer);
        setWidthFull();
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        addClassName("nw-toolbar");
        // in a narrow window the buttons wrap onto a second row instead of running off the screen
        getStyle().set("flex-wrap", "wrap").set("row-gap", "4px");
    }

    /**
     * Save/history of a stored design go right after the design's own buttons. "New" and "Import" go: for a stored
     * design they belong to the project's designs page, and the bar must fit 1280 px.
     */
    void addStored(com.vaadin.flow.component.Component controls) {
        if (controls.getParent().isEmpty()) {
            editing.get(1).getElement().setVisible(false);
            editing.get(2).getElement().setVisible(false);
            addComponentAtIndex(indexOf(spacer), controls);
        }
    }

    /** Viewers and version previews: the buttons that would change the design are off. */
    void setEditable(boolean editable) {
        editing.forEach(c -> c.setEnabled(editable));
    }

    void showName(String name) {
        if (!designName.getValue().equals(name)) {
            designName.setValue(name);
        }
    }

    void showHistory(boolean canUndo, boolean canRedo) {
        undo.setEnabled(canUndo);
        redo.setEnabled(canRedo);
    }

    private static Upload importUpload(UploadHandler handler, Consumer<String> onRejected) {
        Upload upload = new Upload(handler);
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setDropAllowed(false);
        upload.setMaxFiles(1);
        upload.setUploadButton(new Button("Import JSON", VaadinIcon.UPLOAD.create()));
        upload.addAllFinishedListener(e -> upload.clearFileList());
        dev.netwright.frontend.ui.UploadRejections.explain(upload, "design files saved as JSON (.json)", onRejected);
        upload.addClassName("nw-import");
        upload.getElement().setAttribute("data-testid", "import-json");
        return upload;
    }

    /** "Export as PyTorch": the design as a PyTorch file (docs/training.md), downloaded like the JSON. */
    private static Anchor pytorchLink(DownloadHandler handler) {
        // an icon with a tooltip: the bar must still fit 1280 px
        Button button = new Button(VaadinIcon.CODE.create());
        button.setTabIndex(-1);
        button.setTooltipText("Export as PyTorch: one nn.Module class, layers named after the node ids");
        button.setAriaLabel("Export as PyTorch");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Anchor export = new Anchor(handler, "");
        export.getElement().setAttribute("download", true);
        export.getElement().setAttribute("data-testid", "export-pytorch");
        export.add(button);
        return export;
    }

    /** A link styled as a button: the browser downloads the file itself, no server round trip first. */
    private static Anchor exportLink(DownloadHandler handler) {
        Button button = new Button("Export JSON", VaadinIcon.DOWNLOAD.create());
        button.setTabIndex(-1);
        Anchor export = new Anchor(handler, "");
        export.getElement().setAttribute("download", true);
        export.getElement().setAttribute("data-testid", "export-json");
        export.add(button);
        return export;
    }
}
