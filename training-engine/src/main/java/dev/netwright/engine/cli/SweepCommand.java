package dev.netwright.engine.cli;

import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.LocalTrialRunner;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.search.ParetoFront;
import dev.netwright.engine.search.SweepDriver;
import dev.netwright.engine.search.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code netwright sweep DESIGN --dataset NAME --spec SWEEP.json --out DIR}: a hyperparameter search, trial by trial. */
@Command(name = "sweep", description = "Search hyperparameters (grid, random or TPE, with median or ASHA pruning).",
        defaultValueProvider = TrainingOptions.Defaults.class)
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DESIGN", description = "a design file, or a template id")
    private String design;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH", description = "built-in id or file")
    private String dataset;

    @Option(names = "--spec", required = true, paramLabel = "SWEEP.json",
            description = "search space, method, objective, pruner and budget (see docs/sweeps.md)")
    private Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "one model folder per trial")
    private Path out;

    @Option(names = "--target", description = "table column to predict")
    private String target;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N training samples")
    private int limit;

    @Mixin
    private TrainingOptions options;

    @Mixin
    private SequenceOptions sequence;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Design d = DesignArgument.read(design);
        SweepSpec sweep = SweepSpec.fromMap(JsonMapper.builder().build().readValue(Files.readString(specFile), Map.class));
        var series = sequence.series(null);
        TrainingSettings base = options.toSettings();
        DatasetSpec data = DatasetSpec.parse(dataset, Optional.ofNullable(target),
                Optional.of(ArrayDataset.Task.CLASSIFICATION), limit, false, sequence.text(), series);
        out.printf(Locale.ROOT, "sweep: %s search over %s, %s %s, pruner %s, up to %d trials%n", sweep.method(),
                sweep.space().names(), sweep.direction().name().toLowerCase(Locale.ROOT), sweep.objective(),
                sweep.pruner(), sweep.maxTrials());
        out.flush();
        LocalTrialRunner runner = new LocalTrialRunner(data, sweep.objective(), sweep.direction(), this.out,
                RunListener.NONE);
        SweepDriver.Summary summary = new SweepDriver().run(sweep, d, base, series.isPresent(), runner, o -> {
            out.printf(Locale.ROOT, "trial %2d  %-9s %s %s  epochs %d  %s%n", o.trial().number(), o.trial().state(),
                    sweep.objective(), o.trial().objective().isPresent()
                            ? String.format(Locale.ROOT, "%.4f", o.trial().objective().getAsDouble()) : "-",
                    o.result().steps(), o.trial().params());
            out.flush();
        });
        summary.best().ifPresentOrElse(b -> out.printf(Locale.ROOT, "best: trial %d, %s %.4f with %s (model in %s)%n",
                b.trial().number(), sweep.objective(), b.trial().objective().getAsDouble(), b.trial().params(),
                this.out.resolve("trial-" + b.trial().number())), () -> out.println("no trial completed"));
        int epochs = summary.trials().stream().mapToInt(o -> o.result().steps()).sum();
        out.printf(Locale.ROOT, "%d trials, %d epochs trained, %s%n", summary.trials().size(), epochs,
                ConsoleProgress.duration(summary.elapsed()));
        for (ParetoFront.Point p : summary.paretoFront()) {
            out.printf(Locale.ROOT, "pareto: trial %d  %s %.4f  parameters %,.0f%n", p.trial(), sweep.objective(),
                    p.first(), p.second());
        }
        out.flush();
        return summary.best().isPresent() ? 0 : 1;
    }
}
