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
     * The engine packages the backend and the frontend may use: their public types are the engine's published
     * surface. Whether a type is published follows from its visibility: a type that nothing outside its package uses
     * is package-private (see {@link #everyPublicEngineTypeIsUsedOutsideItsPackage()}). The packages left out
     * ({@code cli}, {@code compile.blocks}, {@code data.baseline}, {@code train.parallel}, {@code train.profile}) are
     * engine internals whose types are public for other engine packages only; a package joins this set by decision.
     */
    private static final Set<String> ENGINE_SURFACE_PACKAGES = Stream.of("api", "compile", "data", "data.builtin",
                    "data.images", "data.prep", "data.series", "data.tabular", "data.text", "export", "onnximport",
                    "predict", "render", "run", "search", "train", "train.config", "train.metrics", "worker")
            .map(pkg -> "dev.netwright.engine." + pkg).collect(Collectors.toUnmodifiableSet());

    /**
     * Public engine types whose callers this test does not import (the modules' tests, the tests module's fault tests
     * and benchmarks, the launcher), each with that caller: they stay public although no main class outside their
     * package names them.
     */
    private static final Map<String, String> PUBLIC_FOR_UNSEEN_CALLERS = Map.of(
            "cli.NetwrightCli", "the command-line entry point (the netwright script's main class)",
            "worker.ClaimedRunTrainer", "the backend's worker tests and the killed-worker fault test train a claimed run",
            "search.RandomSampler", "the search benchmark and the backend's TPE history test compare samplers",
            "search.TpeSampler", "the search benchmark compares TPE against random search",
            "search.AshaPruner", "the search benchmark runs ASHA on a real sweep",
            "train.profile.NativeCounts", "the training benchmark's JNI-call counter plugs into the batch profile");

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
                        + "published surface (public types of ENGINE_SURFACE_PACKAGES in ArchitectureTest)") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getPackageName().startsWith("dev.netwright.engine.")
                                && !(ENGINE_SURFACE_PACKAGES.contains(c.getPackageName()) && isPublicTopLevel(c));
                    }
                })
                .because("the engine's API grows by decision: reach engine internals through a published type, or "
                        + "publish their package")
                .check(classes);
    }

    /**
     * Replaces a hand-kept cap on the number of public engine types: a public engine type must have a user outside its
     * package (another engine package, the backend or the frontend), or be listed with the caller this test cannot
     * see. A type only its own package uses is package-private, so the public surface is what the code needs.
     */
    @Test
    void everyPublicEngineTypeIsUsedOutsideItsPackage() {
        Map<String, java.util.List<JavaClass>> byTopLevel = classes.stream()
                .filter(c -> c.getPackageName().startsWith("dev.netwright.engine."))
                .collect(Collectors.groupingBy(ArchitectureTest::topLevelName));
        java.util.List<String> unused = byTopLevel.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(c -> c.isTopLevelClass()
                        && c.getModifiers().contains(JavaModifier.PUBLIC)))
                .filter(e -> e.getValue().stream().flatMap(c -> c.getDirectDependenciesToSelf().stream())
                        .noneMatch(d -> !d.getOriginClass().getPackageName()
                                .equals(d.getTargetClass().getPackageName())))
                .map(e -> e.getKey().substring("dev.netwright.engine.".length()))
                .filter(name -> !PUBLIC_FOR_UNSEEN_CALLERS.containsKey(name))
                .sorted().toList();
        org.assertj.core.api.Assertions.assertThat(unused)
                .as("public engine types that nothing outside their package uses: make them package-private, or "
                        + "list them in PUBLIC_FOR_UNSEEN_CALLERS with the caller this test does not import")
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(PUBLIC_FOR_UNSEEN_CALLERS.keySet())
                .as("PUBLIC_FOR_UNSEEN_CALLERS names existing public engine types")
                .allSatisfy(name -> org.assertj.core.api.Assertions.assertThat(byTopLevel.get(
                        "dev.netwright.engine." + name)).isNotNull()
                        .anyMatch(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)));
    }

    @Test
    void backendFeaturePackagesFormNoCycle() {
        slices().matching("dev.netwright.backend.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String topLevelName(JavaClass c) {
        int nested = c.getName().indexOf('$');
        return nested < 0 ? c.getName() : c.getName().substring(0, nested);
    }

    /** Whether the class, or the top-level class it is nested in, is public. */
    private static boolean isPublicTopLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getModifiers().contains(JavaModifier.PUBLIC);
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
