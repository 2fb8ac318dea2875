package dev.netwright.frontend.designer.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.frontend.sweep.SweepRange;
import dev.netwright.frontend.sweep.SweepRange.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranges kept while a design is edited become a sweep's search space and the canvas notes. */
class LayerRangesTest {
    private final LayerCatalog catalog = LayerCatalog.standard();
    private final Design mlp = Templates.find("mlp-fashion-mnist").orElseThrow().design();

    @Test
    void rangesFollowTheDesignTheyAreUsedWith() {
        LayerRanges ranges = new LayerRanges();
        ranges.set("hidden1", "units", new SweepRange(Kind.CATEGORICAL, List.of(64, 128, 256)));
        ranges.set("dropout", "rate", new SweepRange(Kind.UNIFORM, List.of(0.1, 0.5)));
        ranges.set("gone", "units", new SweepRange(Kind.CATEGORICAL, List.of(8)));
        ranges.set("hidden1", "noSuchParam", new SweepRange(Kind.CATEGORICAL, List.of(8)));

        assertThat(ranges.space(mlp, catalog)).containsExactly(
                Map.entry("hidden1.units", new SweepRange(Kind.CATEGORICAL, List.of(64, 128, 256))),
                Map.entry("dropout.rate", new SweepRange(Kind.UNIFORM, List.of(0.1, 0.5))));
        assertThat(ranges.notes(mlp, catalog)).containsExactly(Map.entry("hidden1", "sweep units 64|128|256"),
                Map.entry("dropout", "sweep rate 0.1..0.5"));

        ranges.rename("hidden1", "wide");
        assertThat(ranges.of("wide")).containsKey("units");
        assertThat(ranges.space(mlp, catalog)).containsOnlyKeys("dropout.rate");
        ranges.remove("dropout", "rate");
        assertThat(ranges.of("dropout")).isEmpty();
        ranges.clear();
        assertThat(ranges.of("wide")).isEmpty();
    }
}
