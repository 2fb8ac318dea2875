package dev.netwright.engine.data.baseline;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.TrainTest;
import dev.netwright.engine.data.prep.Normaliser;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.List;
import java.util.Map;

/**
 * A Tribuo linear model as the yardstick a designed network should beat: logistic regression for
 * classification (accuracy), least-squares linear regression for regression (RMSE, R^2). Features are
 * standardised on the training split first, since SGD on raw features of very different scales converges
 * poorly; the regression target is standardised too and predictions mapped back, so RMSE is in target units.
 */
public final class LinearBaseline {

    static final long SEED = 12345L;
    private static final int CLASSIFICATION_EPOCHS = 20;
    private static final int REGRESSION_EPOCHS = 100;
    /** Tribuo's SGD trainers log every 1000 steps at INFO by default; -1 keeps worker logs readable. */
    private static final int NO_PROGRESS_LOG = -1;

    private LinearBaseline() {
    }

    public static BaselineResult evaluate(TrainTest data) {
        return evaluate(data.train(), data.test(), null);
    }

    /** Trains on {@code train} and measures on {@code test}; {@code featureNames} may be null. */
    public static BaselineResult evaluate(ArrayDataset train, ArrayDataset test, List<String> featureNames) {
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("baseline needs non-empty train and test splits");
        }
        if (train.sampleSize() != test.sampleSize()) {
            throw new IllegalArgumentException("train and test samples differ in size: " + train.sampleSize()
                    + " vs " + test.sampleSize());
        }
        Normaliser norm = Normaliser.fit(train, Normaliser.Kind.STANDARDISE);
        ArrayDataset tr = norm.apply(train);
        ArrayDataset te = norm.apply(test);
        String[] names = TribuoConversion.featureNames(train.sampleSize(), featureNames);
        return switch (train.task()) {
            case CLASSIFICATION -> classify(tr, te, names);
            case REGRESSION -> regress(tr, te, names);
            case UNLABELLED -> throw new IllegalArgumentException(train.name() + " has no targets to fit a baseline to");
        };
    }

    private static BaselineResult classify(ArrayDataset train, ArrayDataset test, String[] names) {
        LabelFactory factory = new LabelFactory();
        List<String> classes = train.classNames();
        MutableDataset<Label> tr = TribuoConversion.dataset(train.name(), factory,
                TribuoConversion.examples(train, names, i -> new Label(className(classes, train.label(i)))));
        MutableDataset<Label> te = TribuoConversion.dataset(test.name(), factory,
                TribuoConversion.examples(test, names, i -> new Label(className(classes, test.label(i)))));
        // Tribuo's LogisticRegressionTrainer is this objective and optimiser at 5 epochs; more epochs help small sets.
        Model<Label> model = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(1.0, 0.1), CLASSIFICATION_EPOCHS, NO_PROGRESS_LOG, 1, SEED).train(tr);
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, te);
        return new BaselineResult("logistic-regression", "accuracy", eval.accuracy(),
                Map.of("accuracy", eval.accuracy(), "macro-f1", eval.macroAveragedF1()));
    }

    /** Datasets built without class names still work: the index becomes the name. */
    private static String className(List<String> classes, int index) {
        return index < classes.size() ? classes.get(index) : Integer.toString(index);
    }

    private static BaselineResult regress(ArrayDataset train, ArrayDataset test, String[] names) {
        if (train.targetWidth() != 1) {
            throw new IllegalArgumentException("the linear baseline handles one regression target, "
                    + train.name() + " has " + train.targetWidth());
        }
        float[] y = train.targets();
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        double var = 0;
        for (float v : y) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.max(Math.sqrt(var / y.length), 1e-12);
        double m = mean;
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> tr = TribuoConversion.dataset(train.name(), factory,
                TribuoConversion.examples(train, names, i -> new Regressor("target", (y[i] - m) / sd)));
        Model<Regressor> model = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), REGRESSION_EPOCHS,
                NO_PROGRESS_LOG, 1, SEED)
                .train(tr);
        List<Example<Regressor>> testExamples = TribuoConversion.examples(test, names, i -> new Regressor("target", 0));
        List<Prediction<Regressor>> predictions = model.predict(testExamples);
        float[] truth = test.targets();
        double testMean = 0;
        for (float v : truth) {
            testMean += v;
        }
        testMean /= truth.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = predictions.get(i).getOutput().getValues()[0] * sd + m;
            sse += (p - truth[i]) * (p - truth[i]);
            sst += (truth[i] - testMean) * (truth[i] - testMean);
        }
        double rmse = Math.sqrt(sse / truth.length);
        double r2 = sst == 0 ? 0 : 1 - sse / sst;
        return new BaselineResult("linear-regression", "rmse", rmse, Map.of("rmse", rmse, "r2", r2));
    }
}
