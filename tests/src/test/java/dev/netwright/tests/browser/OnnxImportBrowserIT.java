package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.export.OnnxExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models in and out through the browser: an ONNX file uploaded on the designs page opens in the designer as a design
 * (its layers named after the file's modules), and the designer's PyTorch button downloads it as PyTorch code.
 */
class OnnxImportBrowserIT extends BrowserTestBase {

    @Test
    void anOnnxFileUploadedOnTheDesignsPageOpensInTheDesignerAndComesBackAsPyTorch() throws IOException {
        page = newPage(1280, 800, 20_000);
        Accounts.signUp(page, base(), "onnx");
        page.navigate(base() + "/");
        page.locator("[data-testid=create-workspace]").click();
        nameDialog("Team onnx");
        page.locator("[data-testid=create-project]").click();
        nameDialog("Project onnx");
        page.waitForURL("**/projects/*");

        Path file = Files.createTempDirectory("onnx-upload").resolve("tiny-mlp.onnx");
        Files.write(file, onnx());
        page.locator("[data-testid=import-onnx] input[type=file]").setInputFiles(file);
        page.waitForURL("**/designer/*");
        DesignerPage designer = new DesignerPage(page).awaitCanvas();
        assertThat(designer.node("hidden").locator("[data-testid=output-shape]")).hasText("→ [3]");
        assertThat(designer.node("out").locator("[data-testid=output-shape]")).hasText("→ [2]");
        assertThat(designer.totals("total-params")).hasText("17");
        shot("onnx-imported");

        Download download = page.waitForDownload(() -> page.locator("[data-testid=export-pytorch]").click());
        Path code = Files.createTempFile("netwright-export", ".py");
        download.saveAs(code);
        assertThat(download.suggestedFilename()).isEqualTo("tiny_mlp.py");
        assertThat(Files.readString(code)).contains("class TinyMlp(nn.Module):", "self.hidden = nn.Linear(2, 3)",
                "hidden = torch.relu(self.hidden(input))", "def build():");
    }

    /** An ONNX file as the platform exports it: input [2] -> hidden Dense(3, relu) -> out Dense(2, softmax). */
    private static byte[] onnx() {
        Design design = DesignBuilder.named("tiny").node("input", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 3, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
        try (NDManager manager = NDManager.newBaseManager()) {
            CompiledNetwork network = new DesignCompiler().compile(design, true);
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            return new OnnxExporter().export(design, network);
        } catch (DesignNotTrainableException e) {
            throw new IllegalStateException(e);
        }
    }
}
