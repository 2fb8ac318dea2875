package dev.netwright.backend.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the guard's estimate with the real peak memory of training templates (not part of the normal build):
 * {@code -DargLine="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dnetwright.measure-memory=true"}. With the heap touched at
 * start, the process's resident-set growth is what libtorch allocates. Each template trains a few batches after a
 * warm-up run (libtorch loaded, data cached), at batch 64, 256 and 1024; the peak is Linux's VmHWM, reset before each
 * run through {@code /proc/self/clear_refs}. Memory freed by one training stays with the allocator and is reused by
 * the next, so measure one template and batch per JVM ({@code -Dnetwright.measure-templates=lenet-cnn
 * -Dnetwright.measure-batches=256}, inside argLine) for its own peak; by default it runs them all in one JVM.
 */
@EnabledIfSystemProperty(named = "netwright.measure-memory", matches = "true")
class TrainingMemoryMeasurement {
    @TempDir
    Path work;

    @Test
    void estimateAgainstPeakResidentMemory() throws Exception {
        train(Templates.find("mlp-fashion-mnist").orElseThrow(), 32, "warm-up");
        StringBuilder table = new StringBuilder("template | batch | estimate | peak RSS growth\n");
        for (int batch : list("netwright.measure-batches", "64,256,1024").stream().map(Integer::valueOf).toList()) {
            for (String id : list("netwright.measure-templates", "mlp-fashion-mnist,lenet-cnn,residual-cnn")) {
                Template t = Templates.find(id).orElseThrow();
                MemoryEstimate estimate = MemoryEstimate.of(new DesignAnalyzer().analyze(t.design()),
                        OptimizerKind.ADAM, batch);
                System.gc();
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                long before = status("VmRSS");
                train(t, batch, id + "-" + batch);
                long peak = status("VmHWM");
                table.append(id).append(" | ").append(batch).append(" | ")
                        .append(MemoryEstimate.words(estimate.totalBytes())).append(" (activations ")
                        .append(MemoryEstimate.words(estimate.activationBytes())).append(") | ")
                        .append(MemoryEstimate.words(peak - before)).append('\n');
            }
        }
        System.out.println("MEMORY MEASUREMENT\n" + table);
    }

    private void train(Template t, int batch, String name) throws Exception {
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(batch).build();
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(t.design(),
                new DatasetSpec.Builtin("fashion-mnist", 4 * batch), config), RunListener.NONE,
                Files.createDirectories(work.resolve(name)), new CancellationFlag());
        assertThat(outcome.failure()).isEmpty();
    }

    private static List<String> list(String property, String fallback) {
        return List.of(System.getProperty(property, fallback).split(","));
    }

    /** A line of /proc/self/status in bytes. */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException(key + " missing");
    }
}
