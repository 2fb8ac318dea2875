package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What used to be refused or changed without a word now says so, and nothing wrong is stored: a dropped .txt on the
 * dataset upload, a .txt for Import JSON, a header-only CSV, a ragged CSV, 12.7 typed into Dense units (which became
 * 127) and an emptied units field (which silently went back to 64).
 */
class SilentRejectionsBrowserIT extends BrowserTestBase {

    private Locator lastNotification() {
        return page.locator("vaadin-notification-card").last();
    }

    @Test
    void wrongFilesAndBadTablesAreRefusedWithAMessageAndNothingIsStored() throws Exception {
        page = newPage(1280, 800, 15_000);
        Accounts.signUp(page, base(), "strict");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Checks");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Tables");

        // Import JSON on the designs page with a text file
        Path notes = Files.createTempFile("notes", ".txt");
        Files.writeString(notes, "just some notes");
        page.locator("[data-testid=import-design] input[type=file]").setInputFiles(notes);
        assertThat(lastNotification()).containsText("Could not use " + notes.getFileName());
        assertThat(lastNotification()).containsText(".json");

        page.locator("[data-testid=datasets-link]").click();
        page.waitForURL("**/datasets");
        // a text file dropped on the upload area
        page.locator("[data-testid=dataset-upload]").evaluate("""
                up => {
                  const dt = new DataTransfer();
                  dt.items.add(new File(['hello'], 'notes.txt', {type: 'text/plain'}));
                  up.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
                  up.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""");
        assertThat(lastNotification()).containsText("Could not use notes.txt: only CSV or TSV tables");

        Path headerOnly = Files.createTempFile("header-only", ".csv");
        Files.writeString(headerOnly, "length,width,species\n");
        page.locator("[data-testid=dataset-upload] input[type=file]").setInputFiles(headerOnly);
        assertThat(lastNotification()).containsText("no data rows");

        Path ragged = Files.createTempFile("ragged", ".csv");
        Files.writeString(ragged, "length,width,species\n1.4,0.2,setosa\n4.7,versicolor\n");
        page.locator("[data-testid=dataset-upload] input[type=file]").setInputFiles(ragged);
        assertThat(lastNotification()).containsText("Data row 2 has 2 values but the header names 3 columns");
        shot("ragged-refused");
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No uploaded datasets");
        page.reload();
        assertThat(page.locator("[data-testid=empty-state]")).containsText("No uploaded datasets");
    }

    @Test
    void denseUnitsRefuseFractionsAndEmptinessSayingSoAndKeepTheirValue() {
        page = newPage(1280, 800, 15_000);
        DesignerPage designer = new DesignerPage(page).open(base());
        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "784");
        designer.dragFromPalette("Dense", 260, 200, "dense1");
        designer.connect("input1", "dense1", 0);
        designer.select("dense1");
        designer.setParam("units", "16");
        assertThat(designer.totals("total-params")).hasText("12,560");

        designer.setParam("units", "12.7");
        assertThat(designer.fieldError("units")).containsText("units must be a whole number, not 12.7");
        assertThat(designer.totals("total-params")).hasText("12,560");
        shot("units-fraction");

        designer.setParam("units", "");
        assertThat(designer.fieldError("units")).containsText("units needs a value");
        assertThat(designer.fieldError("units")).containsText("the default is 64");
        assertThat(designer.totals("total-params")).hasText("12,560");

        designer.setParam("units", "ten");
        assertThat(designer.fieldError("units")).containsText("units must be a whole number, not ten");

        designer.setParam("units", "10");
        assertThat(designer.totals("total-params")).hasText("7,850");
        assertThat(designer.propertyFieldHost("units")).not().hasAttribute("invalid", "");
    }

    @Test
    void connectingIntoATakenInputSaysWhichConnectionItReplacedAndUndoBringsItBack() {
        page = newPage(1280, 800, 15_000);
        DesignerPage designer = new DesignerPage(page).open(base());
        designer.dragFromPalette("Input", 160, 40, "input1");
        designer.setParam("shape", "8");
        designer.dragFromPalette("Dense", 160, 220, "dense1");
        designer.dragFromPalette("Dense", 420, 120, "dense2");
        designer.connect("input1", "dense1", 0);
        designer.connect("input1", "dense2", 0);
        designer.connect("dense2", "dense1", 0);
        assertThat(lastNotification()).containsText(
                "dense1 now takes its input from dense2 instead of input1. Undo (Ctrl+Z) brings the old connection back.");
        Locator old = page.locator(".react-flow__edge[data-id=\"input1->dense1:0\"]");
        assertThat(old).hasCount(0);
        shot("edge-replaced");
        page.locator("[data-testid=undo]").click();
        assertThat(old).hasCount(1);
        assertThat(page.locator(".react-flow__edge[data-id=\"dense2->dense1:0\"]")).hasCount(0);
    }
}
