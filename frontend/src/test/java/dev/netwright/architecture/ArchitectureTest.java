package dev.netwright.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.netwright.engine.api.TrainingSettings;
import java.lang.reflect.RecordComponent;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map (designer <- training-engine <- backend <- frontend) and the package boundaries inside it, checked
 * on the compiled main classes of every module, so that a stray import fails the build instead of eroding the map.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    /**
     * Engine types the frontend may name: the typed contract that travels unchanged through the REST API. That is
     * the whole {@code dev.netwright.engine.api} package (run statuses, metric kinds and payloads, the one
     * {@code TrainingSettings} record), the enums the settings record's fields are typed with (optimizer, loss,
     * monitored metric, weight init: read from the record, so a new enum field is allowed with it), the dataset
     * reference with its text and series settings, and the sweep domains. Everything else of the engine, and DJL itself, is reached through backend
     * services.
     */
    private static final String ENGINE_API = "dev.netwright.engine.api";
    private static final Set<String> ENGINE_CONTRACT = Stream.concat(
            Stream.of("dev.netwright.engine.worker.DatasetRef", "dev.netwright.engine.search.Domain"),
            Stream.concat(enumComponents(TrainingSettings.class), datasetSettings()))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The engine's published surface: every engine type the backend and the frontend may name, by package (the
     * whole {@code api} package, and the listed types of the others). The rest of the engine is its own business;
     * a new entry here is a decision about the engine's API, not a side effect of an import.
     */
    private static final Map<String, String> ENGINE_SURFACE = Map.ofEntries(
            Map.entry("compile", "CompiledNetwork DesignCompiler DesignNotTrainableException GraphBlock"),
            Map.entry("data", "ArrayDataset DatasetException TrainTest"),
            Map.entry("data.builtin", "BuiltinCatalog BuiltinDataset LoadOptions"),
            Map.entry("data.images", "ImageZipLoader ImageZipOptions Pictures"),
            Map.entry("data.prep", "ImagePreprocessing"),
            Map.entry("data.series", "MissingSteps SeriesEncoding SeriesSettings"),
            Map.entry("data.tabular", "ColumnEncoding Utf8Problem"),
            Map.entry("data.text", "TextEncoding TextSettings TextTable TokenLengths TokenLevel"),
            Map.entry("export", "PyTorchCode PyTorchExport"),
            Map.entry("onnximport", "OnnxImport OnnxImportException"),
            Map.entry("predict", "GeneratedBatch InputKind InputProblem InputSchema Prediction Predictor"),
            Map.entry("render", "SampleImages"),
            Map.entry("run", "DataPreparation DatasetSpec Forecasts ModelManifest TrainedModel TrainingRun"),
            Map.entry("search", "Direction Domain ParetoFront Pruner Sampler SearchSpace SweepParameters SweepSpec "
                    + "Trial"),
            Map.entry("train", "CancellationFlag EngineSupport SupervisedTrainer TrainingData TrainingResult"),
            Map.entry("train.config", "ClassWeighting LossKind MonitoredMetric OptimizerConfig OptimizerKind "
                    + "TrainingConfig"),
            Map.entry("train.metrics", "BatchMetrics EpochMetrics LayerGradientNorms SplitScores TrainingListener"),
            Map.entry("worker", "ClaimedRun DatasetRef LeaseLostException MetricPoint RunEnd WorkerBackend "
                    + "WorkerCapacity WorkerLoop Zips"));

    /**
     * Public top-level engine types at most. Most of them are public only because another engine package uses
     * them (Java has no narrower visibility across packages); the limit keeps that number from growing unnoticed.
     * Raised past 177 for: train.batch.Prefetcher (the train package's loop takes its batches from it) and
     * train.profile.NativeCounts (the benchmarks' JNI-call counter plugs into the batch profile through it).
     */
    private static final int MAX_PUBLIC_ENGINE_TYPES = 179;

    private static Stream<String> enumComponents(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).filter(Class::isEnum)
                .map(Class::getName);
    }

    /** The dataset reference's own settings records (text, series) and their enums: the run's dataset JSON. */
    private static Stream<String> datasetSettings() {
        return Arrays.stream(dev.netwright.engine.worker.DatasetRef.class.getRecordComponents())
                .map(RecordComponent::getType).filter(Class::isRecord)
                .flatMap(r -> Stream.concat(Stream.of(r.getName()), enumComponents(r)));
    }

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the backend's test-jar (test support for the fault and security tests) is test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.netwright");
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[] {"designer", "engine", "backend", "frontend"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.netwright." + module))
                    .as("classes of " + module + " were imported").isTrue();
        }
    }

    @Test
    void designerUsesOnlyTheJdkAndJackson() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.netwright.designer..")
                .should().dependOnClassesThat(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAnyPackage("dev.netwright.designer..", "java..", "javax..",
                                "jdk..", "tools.jackson..", "com.fasterxml.jackson.annotation..")
                                .or(JavaClass.Predicates.belongToAnyOf(Object.class))
                                .or(primitiveOrArray())))
                .because("the design model is plain Java that every module (and outside tools) can use");
        rule.check(classes);
    }

    @Test
    void engineDependsOnNeitherBackendNorFrontend() {
        noClasses().that().resideInAPackage("dev.netwright.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.netwright.backend..",
                        "dev.netwright.frontend..")
                .because("the engine runs on its own in worker processes and the command-line trainer")
                .check(classes);
    }

    @Test
    void frontendUsesNeitherDjlNorEngineInternals() {
        noClasses().that().resideInAPackage("dev.netwright.frontend..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("networks are compiled and trained behind backend services")
                .check(classes);
        noClasses().that().resideInAPackage("dev.netwright.frontend..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are engine internals") {
                    @Override
                    public boolean test(JavaClass c) {
                        String name = c.getName();
                        int nested = name.indexOf('$');
                        String outer = nested < 0 ? name : name.substring(0, nested);
                        return name.startsWith("dev.netwright.engine.") && !c.getPackageName().equals(ENGINE_API)
                                && !ENGINE_CONTRACT.contains(outer);
                    }
                })
                .because("the frontend talks to backend services; engine types it names are the REST contract")
                .check(classes);
    }

    @Test
    void backendAndFrontendUseOnlyTheEnginesPublishedSurface() {
        noClasses().that().resideInAnyPackage("dev.netwright.backend..", "dev.netwright.frontend..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are engine types outside its "
                        + "published surface (ENGINE_SURFACE in ArchitectureTest)") {
                    @Override
                    public boolean test(JavaClass c) {
                        if (!c.getPackageName().startsWith("dev.netwright.engine")
                                || c.getPackageName().equals(ENGINE_API)) {
                            return false;
                        }
                        String pkg = c.getPackageName().substring("dev.netwright.engine.".length());
                        String outer = outerSimpleName(c);
                        return !Set.of(ENGINE_SURFACE.getOrDefault(pkg, "").split(" ")).contains(outer);
                    }
                })
                .because("the engine's API grows by decision: add the type to ENGINE_SURFACE, or reach it "
                        + "through a published one")
                .check(classes);
    }

    @Test
    void enginePublicTypesDoNotGrowUnnoticed() {
        java.util.List<String> publicTypes = classes.stream()
                .filter(c -> c.getPackageName().startsWith("dev.netwright.engine") && c.isTopLevelClass()
                        && c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName).sorted().toList();
        org.assertj.core.api.Assertions.assertThat(publicTypes)
                .as("public top-level engine types: make a new type package-private, or raise "
                        + "MAX_PUBLIC_ENGINE_TYPES with the reason it must be public")
                .hasSizeLessThanOrEqualTo(MAX_PUBLIC_ENGINE_TYPES);
    }

    @Test
    void backendFeaturePackagesFormNoCycle() {
        slices().matching("dev.netwright.backend.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String outerSimpleName(JavaClass c) {
        String name = c.getName().substring(c.getPackageName().length() + 1);
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static DescribedPredicate<JavaClass> primitiveOrArray() {
        return new DescribedPredicate<>("primitive or array") {
            @Override
            public boolean test(JavaClass c) {
                return c.isPrimitive() || c.isArray() && (c.getBaseComponentType().isPrimitive()
                        || c.getBaseComponentType().getPackageName().startsWith("java")
                        || c.getBaseComponentType().getPackageName().startsWith("dev.netwright.designer"));
            }
        };
    }
}
