package dev.netwright.engine.run;

import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.CompiledGan;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.compile.OutputActivation;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.GanResult;
import dev.netwright.engine.train.GanTrainer;
import dev.netwright.engine.train.SupervisedTrainer;
import dev.netwright.engine.train.TrainingData;
import dev.netwright.engine.train.TrainingResult;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one training end to end: compile, prepare the data, train (supervised or GAN), and save the model
 * directory. Checkpoints go to {@code outDir/checkpoints}; {@link #resume} continues from them after a crash or stop.
 */
public final class TrainingRun {
    private static final System.Logger LOG = System.getLogger(TrainingRun.class.getName());
    private static final String CHECKPOINTS = "checkpoints";
    private final DesignCompiler compiler = new DesignCompiler();
    private final DataPreparation preparation;

    TrainingRun(DataPreparation preparation) {
        this.preparation = preparation;
    }

    public TrainingRun() {
        this(new DataPreparation());
    }

    public RunOutcome execute(RunRequest request, RunListener listener, Path outDir, CancellationFlag cancel)
            throws DesignNotTrainableException {
        return run(request, listener, outDir, cancel, false);
    }

    /**
     * Whether {@code outDir} holds a checkpoint that {@link #resume} can continue from: {@code checkpoints/last} for
     * supervised runs, {@code checkpoints/generator/last} and {@code checkpoints/discriminator/last} for GANs. The
     * one place that knows both layouts, so that workers and the server never miss a GAN's checkpoints.
     */
    public static boolean hasCheckpoint(Path outDir) {
        return hasCheckpointIn(outDir.resolve(CHECKPOINTS));
    }

    /** {@link #hasCheckpoint} for the {@code checkpoints} folder itself. */
    public static boolean hasCheckpointIn(Path checkpointsDir) {
        return java.nio.file.Files.isDirectory(checkpointsDir.resolve("last"))
                || java.nio.file.Files.isDirectory(checkpointsDir.resolve(GanTrainer.GENERATOR).resolve("last"))
                && java.nio.file.Files.isDirectory(checkpointsDir.resolve(GanTrainer.DISCRIMINATOR).resolve("last"));
    }

    /** Continues a stopped or crashed run from the last checkpoint in {@code outDir/checkpoints}. */
    public RunOutcome resume(RunRequest request, RunListener listener, Path outDir, CancellationFlag cancel)
            throws DesignNotTrainableException {
        return run(request, listener, outDir, cancel, true);
    }

    private RunOutcome run(RunRequest request, RunListener listener, Path outDir, CancellationFlag cancel,
                           boolean resume) throws DesignNotTrainableException {
        Design design = request.design();
        return design.isGan() ? gan(request, listener, outDir, cancel, resume)
                : supervised(request, listener, outDir, cancel, resume);
    }

    private RunOutcome supervised(RunRequest request, RunListener listener, Path outDir, CancellationFlag cancel,
                                  boolean resume) throws DesignNotTrainableException {
        TrainingConfig config = request.config();
        boolean fold = config.loss() == LossKind.SOFTMAX_CROSS_ENTROPY || config.loss() == LossKind.BINARY_CROSS_ENTROPY;
        CompiledNetwork network = compiler.compile(request.design(), fold);
        checkLossFitsOutput(config.loss(), network);
        PreparedData data = preparation.prepare(request.dataset(), DesignInput.of(request.design(),
                        longs(network.inputShape()), network.outputShape().elements()),
                config.validationFraction(), request.normalisation(), config.imagePreprocessing(), config.seed(), true);
        if (!config.augmentation().isNone() && data.train().sampleShape().length != 3) {
            throw new IllegalArgumentException("image augmentation needs image samples [channels, height, width], but "
                    + request.dataset().label() + " has samples of shape "
                    + java.util.Arrays.toString(data.train().sampleShape()));
        }
        listener.onPrepared(data);
        data.notes().forEach(listener::onMessage);
        data.baseline().ifPresent(listener::onBaseline);
        Path checkpoints = outDir.resolve(CHECKPOINTS);
        SupervisedTrainer trainer = new SupervisedTrainer(config, listener);
        if (request.warmStart().isPresent() || !request.frozenNodes().isEmpty()) {
            trainer = trainer.withWarmStart(block -> WarmStart.apply(request, network.block(), listener, resume));
        }
        TrainingData splits = new TrainingData(data.train(), data.validation(), Optional.of(data.test()));
        Shape sampleShape = new Shape(data.train().sampleShape());
        TrainingResult result = resume
                ? trainer.resume(network.block(), sampleShape, splits, checkpoints, cancel)
                : trainer.train(network.block(), sampleShape, splits, checkpoints, cancel);
        Optional<Path> saved = Optional.empty();
        Optional<dev.netwright.engine.data.series.ForecastReport> forecast = Optional.empty();
        if (result.status() != TrainingStatus.DIVERGED && result.epochsCompleted() > 0) {
            Path weights = java.nio.file.Files.isDirectory(result.bestCheckpoint()) ? result.bestCheckpoint()
                    : result.lastCheckpoint();
            ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, "supervised", longs(network.inputShape()),
                    longs(network.outputShape()), data.task().name(), data.classNames(), network.outputActivation(),
                    data.normaliser().map(n -> n.toText()).orElse(null), request.dataset().label(), result.device(),
                    result.epochsCompleted(), result.bestEpoch(), data.table().orElse(null), data.text().orElse(null),
                    data.series().map(w -> w.encoding()).orElse(null), config.imagePreprocessing());
            ModelBundle.write(outDir, request.design(), manifest, config,
                    ModelBundle.metrics(result.history(), result.test().orElse(null), data.baseline().orElse(null)),
                    Map.of("", weights));
            writeOnnx(outDir);
            writePredictionSamples(outDir, data.test());
            if (data.series().isPresent()) {
                // the trainer scored the scaled series; users read errors in the series' units, beside the baselines
                forecast = Optional.of(Forecasts.write(outDir, data.series().get()));
                listener.onMessage(forecast.get().summary());
                result = inSeriesUnits(result, outDir, data.series().get());
                Map<String, Object> metrics = ModelBundle.metrics(result.history(), result.test().orElse(null), null);
                metrics.put("forecast", forecast.get());
                ModelBundle.writeMetrics(outDir, request.design(), manifest, config, metrics);
            }
            saved = Optional.of(outDir);
            LOG.log(System.Logger.Level.INFO, "saved the model to {0}", outDir);
        }
        return new RunOutcome(result.status(), result.failure(), Optional.of(result), Optional.empty(),
                data.baseline(), saved, forecast);
    }

    /** The result with its test evaluation redone by the saved model on the raw test windows (the series' units). */
    private static TrainingResult inSeriesUnits(TrainingResult result, Path outDir,
                                                dev.netwright.engine.data.series.SeriesWindows windows) {
        try (TrainedModel model = TrainedModel.load(outDir)) {
            return new TrainingResult(result.status(), result.failure(), result.epochsCompleted(), result.bestEpoch(),
                    result.bestValue(), result.history(), Optional.of(model.evaluate(windows.rawTest())),
                    result.bestCheckpoint(), result.lastCheckpoint(), result.elapsed(), result.device());
        }
    }

    /** A picture book of right and wrong test predictions; a failure here costs the pictures, not the run. */
    private static void writePredictionSamples(Path outDir, dev.netwright.engine.data.ArrayDataset test) {
        try (TrainedModel model = TrainedModel.load(outDir)) {
            PredictionSamples.write(outDir, model, test);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write sample predictions: {0}", e.toString());
        }
    }

    private static void checkLossFitsOutput(LossKind loss, CompiledNetwork network) {
        long outputs = network.outputShape().elements();
        if (loss == LossKind.BINARY_CROSS_ENTROPY && network.outputActivation() == OutputActivation.SOFTMAX) {
            throw new IllegalArgumentException("binary cross-entropy needs a sigmoid (or linear) output, but the "
                    + "design's output layer uses softmax: use softmax cross-entropy, or a sigmoid output");
        }
        if (loss == LossKind.SOFTMAX_CROSS_ENTROPY && network.outputActivation() == OutputActivation.SIGMOID
                && outputs > 1) {
            throw new IllegalArgumentException("softmax cross-entropy needs a softmax (or linear) output, but the "
                    + "design's output layer uses sigmoid: use binary cross-entropy, or a softmax output");
        }
    }

    private RunOutcome gan(RunRequest request, RunListener listener, Path outDir, CancellationFlag cancel,
                           boolean resume) throws DesignNotTrainableException {
        CompiledGan gan = compiler.compileGan(request.design());
        TrainingConfig config = request.config();
        GanConfig ganConfig = config.gan();
        int latent = (int) gan.generator().inputShape().elements();
        config = config.toBuilder().gan(new GanConfig(ganConfig.discriminatorSteps(), ganConfig.labelSmoothing(),
                latent, ganConfig.sampleCount())).build();
        PreparedData data = preparation.prepare(request.dataset(), longs(gan.discriminator().inputShape()), 0,
                NormalisationChoice.NONE, config.seed(), false);
        listener.onPrepared(data);
        ArrayDataset real = data.train();
        if (generatorEndsInTanh(request.design(), gan) && inUnitRange(real)) {
            // a tanh generator can only produce [-1, 1]: bring [0, 1] data (images) to the same range
            float[] scaled = real.features().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = scaled[i] * 2 - 1;
            }
            real = real.withFeatures(scaled);
            listener.onMessage("real samples scaled from [0, 1] to [-1, 1] to match the generator's tanh output");
        }
        Path checkpoints = outDir.resolve(CHECKPOINTS);
        GanTrainer trainer = new GanTrainer(config, new SamplePictures(listener, outDir.resolve("samples"), real));
        GanResult result = resume
                ? trainer.resume(gan.generator().block(), gan.discriminator().block(), real, checkpoints, cancel)
                : trainer.train(gan.generator().block(), gan.discriminator().block(), real, checkpoints, cancel);
        Optional<Path> saved = Optional.empty();
        if (result.status() != TrainingStatus.DIVERGED && result.epochsCompleted() > 0) {
            ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, "gan", longs(gan.generator().inputShape()),
                    longs(gan.generator().outputShape()), ArrayDataset.Task.UNLABELLED.name(), List.of(),
                    OutputActivation.NONE, null, request.dataset().label(), dev.netwright.engine.train.EngineSupport
                    .device().toString(), result.epochsCompleted(), result.epochsCompleted(), null, null, null);
            Map<String, Path> weights = new LinkedHashMap<>();
            weights.put("generator", checkpoints.resolve(GanTrainer.GENERATOR).resolve("last"));
            weights.put("discriminator", checkpoints.resolve(GanTrainer.DISCRIMINATOR).resolve("last"));
            ModelBundle.write(outDir, request.design(), manifest, config,
                    ModelBundle.metrics(result.history(), null, null), weights);
            writeOnnx(outDir);
            saved = Optional.of(outDir);
        }
        return new RunOutcome(result.status(), result.failure(), Optional.empty(), Optional.of(result),
                Optional.empty(), saved, Optional.empty());
    }

    /**
     * model.onnx next to the weights (the generator's for a GAN) and the PyTorch code with its weights; a failed
     * export must not fail the run.
     */
    private static void writeOnnx(Path outDir) {
        try {
            dev.netwright.engine.export.OnnxExporter.writeInto(outDir);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no ONNX export for {0}: {1}", outDir, e.getMessage());
        }
        try {
            dev.netwright.engine.export.PyTorchExport.writeInto(outDir);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no PyTorch export for {0}: {1}", outDir, e.getMessage());
        }
    }

        private static boolean generatorEndsInTanh(Design design, CompiledGan gan) {
        var node = design.node(gan.generator().block().outputNodeId()).orElseThrow();
        Object activation = node.params().getOrDefault("activation", node.params().get("function"));
        return "tanh".equals(activation);
    }

    private static boolean inUnitRange(ArrayDataset data) {
        for (float v : data.features()) {
            if (v < 0 || v > 1) {
                return false;
            }
        }
        return true;
    }

    static long[] longs(dev.netwright.designer.model.Shape s) {
        int[] d = s.dims();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }
}
