package dev.netwright.designer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.template.DesignBuilder;
import org.junit.jupiter.api.Test;

/** Every kind carries examples, and every example is a valid design the targets' tests can run. */
class LayerExamplesTest {

    @Test
    void everyKindHasExamplesThatAnalyseWithoutErrors() {
        DesignAnalyzer analyzer = new DesignAnalyzer();
        for (LayerKind kind : LayerCatalog.standard().kinds()) {
            assertThat(kind.examples()).as(kind.type() + " examples").isNotEmpty();
            for (LayerExample example : kind.examples()) {
                for (String param : example.params().keySet()) {
                    assertThat(kind.params()).as(kind.type() + " " + example)
                            .anyMatch(p -> p.name().equals(param));
                }
                Analysis analysis = analyzer.analyze(DesignBuilder.example(kind, example));
                assertThat(analysis.errors()).as(kind.type() + " " + example).isEmpty();
            }
        }
    }

    @Test
    void multiInputKindsAreFedOneBranchPerPort() {
        LayerKind add = LayerCatalog.standard().find("Add").orElseThrow();
        var design = DesignBuilder.example(add, add.examples().getFirst());
        assertThat(design.edges()).filteredOn(e -> e.to().equals("layer")).hasSize(2);
    }
}
