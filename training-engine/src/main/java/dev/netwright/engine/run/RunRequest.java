package dev.netwright.engine.run;

import dev.netwright.designer.model.Design;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to train: a design, its data and its settings.
 *
 * @param design        the design (validated again before compiling)
 * @param dataset       where the data comes from
 * @param config        training settings (loss, optimizer, schedule, epochs...)
 * @param normalisation input normalisation
 * @param warmStart     a saved model whose weights seed nodes with the same id and shape (transfer learning)
 * @param frozenNodes   node ids whose weights stay fixed during training; the design's own frozen nodes are added,
 *                      so a run of a design marked on the canvas freezes them just as {@code train --freeze} does
 */
public record RunRequest(Design design, DatasetSpec dataset, TrainingConfig config, NormalisationChoice normalisation,
                         Optional<Path> warmStart, Set<String> frozenNodes) {
    public RunRequest {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(config, "config");
        normalisation = normalisation == null ? NormalisationChoice.AUTO : normalisation;
        warmStart = warmStart == null ? Optional.empty() : warmStart;
        Set<String> frozen = new java.util.LinkedHashSet<>(design.frozenNodeIds());
        if (frozenNodes != null) {
            frozen.addAll(frozenNodes);
        }
        frozenNodes = Set.copyOf(frozen);
    }

    public RunRequest(Design design, DatasetSpec dataset, TrainingConfig config) {
        this(design, dataset, config, NormalisationChoice.AUTO, Optional.empty(), Set.of());
    }
}
