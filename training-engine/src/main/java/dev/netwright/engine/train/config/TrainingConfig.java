package dev.netwright.engine.train.config;

import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.train.parallel.DevicePlan;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines how a network is trained. Immutable; build with {@link #builder()} and change single
 * values with {@link #toBuilder()}. Every value is validated on construction with a message naming the field.
 *
 * @param loss               training loss
 * @param huberDelta         threshold between the quadratic and linear part of the Huber loss
 * @param optimizer          update rule and its hyperparameters
 * @param schedule           learning-rate schedule
 * @param regularization     L1 / L2 penalties on weights
 * @param clipping           gradient clipping
 * @param epochs             number of passes over the training data
 * @param batchSize          samples per update
 * @param seed               seeds parameter initialisation, shuffling, dropout and the validation split
 * @param validationFraction share of the training data held out for validation when no validation set is given
 * @param earlyStopping      monitored metric and early stopping
 * @param weightInit         weight initialisation
 * @param initScale          standard deviation / half-width for NORMAL / UNIFORM initialisation
 * @param gan                GAN settings (ignored by supervised training)
 * @param augmentation       image augmentation of training batches
 * @param imagePreprocessing what image samples go through before training (ImageNet resizing and normalisation)
 * @param devices            device names ({@code cpu}, {@code gpu0}, ...) to train on data-parallel; empty means
 *                           automatic (a GPU when the engine sees one, else the CPU). GANs use the first one.
 * @param classWeights       how a classification loss weights the classes (imbalanced labels)
 */
public record TrainingConfig(LossKind loss, double huberDelta, OptimizerConfig optimizer, ScheduleConfig schedule,
                             Regularization regularization, GradientClipping clipping, int epochs, int batchSize,
                             int seed, double validationFraction, EarlyStoppingConfig earlyStopping,
                             WeightInit weightInit, double initScale, GanConfig gan,
                             Augmentation augmentation, List<String> devices,
                             ImagePreprocessing imagePreprocessing, ClassWeighting classWeights) {

    public TrainingConfig {
        devices = devices == null ? List.of() : List.copyOf(devices);
        DevicePlan.checkNames(devices);
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        imagePreprocessing = imagePreprocessing == null ? ImagePreprocessing.NONE : imagePreprocessing;
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(regularization, "regularization");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(earlyStopping, "early stopping");
        Objects.requireNonNull(weightInit, "weight init");
        Objects.requireNonNull(gan, "gan");
        Objects.requireNonNull(classWeights, "class weights");
        if (classWeights != ClassWeighting.NONE && !loss.isClassification()) {
            throw new IllegalArgumentException("class weights need a classification loss, but the loss is " + loss);
        }
        Checks.positive("Huber delta", huberDelta);
        Checks.positive("epochs", epochs);
        Checks.positive("batch size", batchSize);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        Checks.positive("init scale", initScale);
        if (loss.isClassification() && (earlyStopping.metric() == MonitoredMetric.VAL_MAE
                || earlyStopping.metric() == MonitoredMetric.VAL_RMSE)) {
            throw new IllegalArgumentException("monitored metric " + earlyStopping.metric()
                    + " needs a regression loss, but the loss is " + loss);
        }
        if (!loss.isClassification() && earlyStopping.metric() == MonitoredMetric.VAL_ACCURACY) {
            throw new IllegalArgumentException("monitored metric VAL_ACCURACY needs a classification loss, but the loss is "
                    + loss);
        }
    }

    /** Defaults: softmax cross-entropy, Adam 1e-3, constant rate, 10 epochs of 32, seed 42, 10% validation. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private LossKind loss = LossKind.SOFTMAX_CROSS_ENTROPY;
        private double huberDelta = 1.0;
        private OptimizerConfig optimizer = OptimizerConfig.defaults(OptimizerKind.ADAM);
        private ScheduleConfig schedule = ScheduleConfig.constant();
        private Regularization regularization = Regularization.NONE;
        private GradientClipping clipping = GradientClipping.NONE;
        private int epochs = 10;
        private int batchSize = 32;
        private int seed = 42;
        private double validationFraction = 0.1;
        private EarlyStoppingConfig earlyStopping = EarlyStoppingConfig.disabled();
        private WeightInit weightInit = WeightInit.XAVIER;
        private double initScale = 0.01;
        private GanConfig gan = GanConfig.defaults();
        private Augmentation augmentation =
                Augmentation.NONE;
        private List<String> devices = List.of();
        private ImagePreprocessing imagePreprocessing = ImagePreprocessing.NONE;
        private ClassWeighting classWeights = ClassWeighting.NONE;

        private Builder() {
        }

        private Builder(TrainingConfig c) {
            loss = c.loss;
            huberDelta = c.huberDelta;
            optimizer = c.optimizer;
            schedule = c.schedule;
            regularization = c.regularization;
            clipping = c.clipping;
            epochs = c.epochs;
            batchSize = c.batchSize;
            seed = c.seed;
            validationFraction = c.validationFraction;
            earlyStopping = c.earlyStopping;
            weightInit = c.weightInit;
            initScale = c.initScale;
            gan = c.gan;
            augmentation = c.augmentation;
            devices = c.devices;
            imagePreprocessing = c.imagePreprocessing;
            classWeights = c.classWeights;
        }

        /** Sets the loss (the monitored metric must suit it: accuracy for classification, MAE/RMSE for regression). */
        public Builder loss(LossKind value) {
            loss = value;
            return this;
        }

        Builder huberDelta(double value) {
            huberDelta = value;
            return this;
        }

        public Builder optimizer(OptimizerConfig value) {
            optimizer = value;
            return this;
        }

        /** Shortcut: default settings of {@code kind} with the given learning rate. */
        public Builder optimizer(OptimizerKind kind, double learningRate) {
            optimizer = OptimizerConfig.defaults(kind).withLearningRate(learningRate);
            return this;
        }

        public Builder schedule(ScheduleConfig value) {
            schedule = value;
            return this;
        }

        public Builder regularization(double l1, double l2) {
            regularization = new Regularization(l1, l2);
            return this;
        }

        public Builder clipping(GradientClipping value) {
            clipping = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(int value) {
            seed = value;
            return this;
        }

        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        public Builder earlyStopping(EarlyStoppingConfig value) {
            earlyStopping = value;
            return this;
        }

        public Builder weightInit(WeightInit value) {
            weightInit = value;
            return this;
        }

        Builder initScale(double value) {
            initScale = value;
            return this;
        }

        public Builder gan(GanConfig value) {
            gan = value;
            return this;
        }

        /** Image augmentation of training batches (never validation or test data). */
        public Builder imagePreprocessing(ImagePreprocessing value) {
            imagePreprocessing = value;
            return this;
        }

        public Builder augmentation(Augmentation value) {
            augmentation = value;
            return this;
        }

        /**
         * Devices to train on data-parallel ({@code cpu}, {@code gpu}, {@code gpuN}); empty: automatic. Each
         * batch is split over them; naming one device twice gives two replicas on it (what tests use on a CPU).
         */
        public Builder devices(List<String> value) {
            devices = value;
            return this;
        }

        /** Class weights of a classification loss; NONE by default. */
        public Builder classWeights(ClassWeighting value) {
            classWeights = value;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(loss, huberDelta, optimizer, schedule, regularization, clipping, epochs,
                    batchSize, seed, validationFraction, earlyStopping, weightInit, initScale, gan, augmentation,
                    devices, imagePreprocessing, classWeights);
        }
    }
}
