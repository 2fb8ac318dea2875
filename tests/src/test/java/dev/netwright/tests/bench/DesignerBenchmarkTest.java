package dev.netwright.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import org.junit.jupiter.api.Test;

/** Checks the benchmark measures what it claims (a valid ~1,000-node design); timing is left to the benchmark. */
class DesignerBenchmarkTest {
    @Test
    void generatedDesignHasAboutAThousandValidNodes() {
        Analysis a = new DesignAnalyzer().analyze(DesignerBenchmark.generate(200));
        assertThat(a.errors()).isEmpty();
        assertThat(a.design().nodes()).hasSizeBetween(1000, 1010);
        assertThat(a.nodes()).allSatisfy(n -> assertThat(n.outputShape()).isNotNull());
    }

    @Test
    void timingSummaryIsOrdered() {
        long[] nanos = DesignerBenchmark.time(() -> new DesignAnalyzer().analyze(DesignerBenchmark.generate(10)), 2, 10);
        assertThat(nanos).isSorted();
        assertThat(DesignerBenchmark.describe("x", nanos)).contains("median").contains("p90");
    }
}
