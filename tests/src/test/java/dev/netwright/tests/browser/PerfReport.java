package dev.netwright.tests.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a browser performance check reports: its figures printed to the build log and kept under target/perf, where
 * a run's figures can be read after the build (the notes cite them), and nearest-rank percentiles of timings.
 */
final class PerfReport {
    private PerfReport() {
    }

    /** Prints {@code report} and keeps it as target/perf/{@code fileName}. */
    static void keep(String fileName, String report) throws IOException {
        System.out.print(report);
        Path out = Path.of("target", "perf", fileName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** The nearest-rank {@code fraction} percentile (0.5 for the median) of timings sorted in ascending order. */
    static double percentile(List<Double> sorted, double fraction) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1));
    }
}
