package dev.netwright.engine.onnximport;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.cli.NetwrightCli;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.export.OnnxExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose weights DJL cannot save within the heap is refused with the heap it needs. Without the refusal DJL's
 * save crashes the JVM in native code (SIGSEGV, no exception), so the import runs in a child JVM with a small heap:
 * it must end with the message and an error exit, not a crash.
 */
class ImportHeapRefusalTest {

    @Test
    void aModelTooLargeForTheHeapIsRefusedNamingTheHeapItNeeds(@TempDir Path dir) throws Exception {
        // one 4096 x 8192 weight: 128 MB, which DJL's save copies about three times at once
        Design design = new DesignJson().read("""
                {"format": "netwright-design/1", "name": "wide",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [4096]}},
                           {"id": "wide", "type": "Dense", "params": {"units": 8192}}],
                 "edges": [{"from": "in", "to": "wide"}]}
                """);
        CompiledNetwork network = new DesignCompiler().compile(design, false);
        Path onnx = dir.resolve("wide.onnx");
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4096));
            Files.write(onnx, new OnnxExporter().export(design, network));
        }
        Path out = dir.resolve("imported");

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), NetwrightCli.class.getName(),
                "import", onnx.toString(), "--out", out.toString())
                .redirectErrorStream(true).start();
        boolean ended = java.waitFor(120, TimeUnit.SECONDS);
        String printed = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            java.destroyForcibly();
        }
        assertThat(ended).as("the import ended: %s", printed).isTrue();

        assertThat(java.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).contains("error: saving this model's largest weight (128 MB) needs about 384 MB of free"
                + " Java heap").contains("run with a larger -Xmx");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList())
                    .as("no JVM crash report").isEqualTo(List.of());
        }
        assertThat(out.resolve("model.json")).as("no half-made model folder").doesNotExist();
    }
}
