package dev.netwright.tests.bench;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times validation + shape inference + cost counting of a generated design with about 1,000 nodes (residual MLP
 * blocks and convolution blocks with merges), as the server does after every canvas edit. Target: under 10 ms.
 * Prints median, 90th percentile and mean; also times reading the design's JSON, which the server does too.
 */
public final class DesignerBenchmark {
    private DesignerBenchmark() {
    }

    /** A valid design of {@code blocks} residual blocks; 5 nodes a block plus the stem and head. */
    public static Design generate(int blocks) {
        DesignBuilder b = DesignBuilder.named("benchmark-" + blocks)
                .node("input", "Input", "shape", List.of(8, 16, 16))
                .then("stem", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "activation", "relu");
        String previous = "stem";
        int half = blocks / 2;
        for (int i = 0; i < half; i++) {
            b.from(previous)
                    .then("c" + i + "a", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same", "useBias", false)
                    .then("c" + i + "bn", "BatchNorm")
                    .then("c" + i + "act", "Activation", "function", "relu")
                    .then("c" + i + "b", "Conv2D", "filters", 16, "kernelSize", 3, "padding", "same")
                    .then("c" + i + "add", "Add").edge(previous, "c" + i + "add", 1);
            previous = "c" + i + "add";
        }
        b.from(previous).then("gap", "GlobalAvgPool2D");
        previous = "gap";
        for (int i = half; i < blocks; i++) {
            b.from(previous)
                    .then("d" + i + "a", "Dense", "units", 16, "activation", "relu")
                    .then("d" + i + "drop", "Dropout", "rate", 0.1)
                    .then("d" + i + "b", "Dense", "units", 16)
                    .then("d" + i + "add", "Add").edge(previous, "d" + i + "add", 1)
                    .then("d" + i + "norm", "LayerNorm");
            previous = "d" + i + "norm";
        }
        return b.from(previous).then("output", "Dense", "units", 10, "activation", "softmax").build();
    }

    /** Nanoseconds of each timed run. */
    static long[] time(Runnable work, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    static String describe(String what, long[] sorted) {
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "%-34s median %7.3f ms   p90 %7.3f ms   mean %7.3f ms   (%d runs)", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, mean, sorted.length);
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Design design = generate(200);
        DesignAnalyzer analyzer = new DesignAnalyzer();
        Analysis check = analyzer.analyze(design);
        if (!check.valid()) {
            throw new IllegalStateException("generated design is invalid: " + check.errors());
        }
        String json = new DesignJson().write(design);
        DesignJson reader = new DesignJson();
        System.out.printf(Locale.ROOT, "Design: %,d nodes, %,d edges, %,d parameters, %,d multiply-adds per sample%n",
                design.nodes().size(), design.edges().size(), check.totals().totalParams(),
                check.totals().multiplyAdds());
        System.out.printf("CPU cores: %d, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        long[] analyse = time(() -> analyzer.analyze(design), runs, runs);
        System.out.println(describe("validate + infer shapes + costs", analyse));
        long[] parse = time(() -> {
            try {
                analyzer.analyze(reader.read(json));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runs / 2, runs);
        System.out.println(describe("read JSON + analyse", parse));
        double median = analyse[analyse.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "Target: under 10 ms per analysis -> %s (median %.3f ms)%n",
                median < 10 ? "met" : "NOT met", median);
    }
}
