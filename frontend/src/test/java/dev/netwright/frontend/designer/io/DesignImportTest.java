package dev.netwright.frontend.designer.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DesignImportTest {
    private final DesignJson json = new DesignJson();
    private final DesignImport importer = new DesignImport(json);

    @Test
    void readsAnExportedDesignBack() {
        var design = Templates.find("lenet-cnn").orElseThrow().design();
        var outcome = importer.read("lenet.json", json.write(design).getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.design()).isEqualTo(design);
    }

    @Test
    void explainsWhyAFileIsRefused() {
        var outcome = importer.read("x.json", "{\"format\":\"netwright-design/9\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.errors()).isNotEmpty().allMatch(e -> !e.contains("Exception"));
        assertThat(importer.read("x.bin", new byte[] {(byte) 0xff, (byte) 0xfe, 0}).errors())
                .anyMatch(e -> e.contains("not a text file"));
    }

    @Test
    void fileNamesComeFromTheDesignName() {
        assertThat(DesignExport.fileName("MLP for Fashion-MNIST")).isEqualTo("mlp-for-fashion-mnist.json");
        assertThat(DesignExport.fileName("???")).isEqualTo("design.json");
    }
}
