package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cpu-env.sh, the environment the launcher gives libtorch (docs/training.md, "CPU threads and oneMKL"): a
 * bounded OpenMP spin unless the user chose a wait policy, the same spin in the Docker images, and on AMD CPUs the
 * preloaded oneMKL CPU dispatch library, which must switch oneMKL in DJL's libtorch to its vector kernels and leave
 * training as deterministic as before.
 */
class CpuEnvironmentTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CPU_ENV = ROOT.resolve("scripts/cpu-env.sh");
    private static final Path BUILD = ROOT.resolve("scripts/build-mkl-cpu-dispatch.sh");

    @TempDir
    Path dir;

    @Test
    void launcherBoundsTheOpenMpSpinUnlessTheUserChoseAWaitPolicy() throws Exception {
        assertThat(env(Map.of())).containsEntry("GOMP_SPINCOUNT", "10000").containsEntry("OMP_WAIT_POLICY", "");
        assertThat(env(Map.of("OMP_WAIT_POLICY", "PASSIVE"))).containsEntry("GOMP_SPINCOUNT", "")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE");
        assertThat(env(Map.of("GOMP_SPINCOUNT", "500"))).containsEntry("GOMP_SPINCOUNT", "500");
    }

    @Test
    void launcherKeepsTensorsOutOfFreshMappingsUnlessTheUserTunedTheAllocator() throws Exception {
        assertThat(env(Map.of())).containsEntry("MALLOC_MMAP_THRESHOLD_", "33554432")
                .containsEntry("MALLOC_TRIM_THRESHOLD_", "268435456");
        assertThat(env(Map.of("MALLOC_TRIM_THRESHOLD_", "1000000"))).containsEntry("MALLOC_MMAP_THRESHOLD_", "")
                .containsEntry("MALLOC_TRIM_THRESHOLD_", "1000000");
        assertThat(env(Map.of("MALLOC_MMAP_THRESHOLD_", "65536"))).containsEntry("MALLOC_MMAP_THRESHOLD_", "65536")
                .containsEntry("MALLOC_TRIM_THRESHOLD_", "");
    }

    @Test
    void launcherGivesEveryThreadTheMainHeapUnlessTheUserChoseAnArenaCount() throws Exception {
        assertThat(env(Map.of())).containsEntry("MALLOC_ARENA_MAX", "1");
        assertThat(env(Map.of("MALLOC_ARENA_MAX", "4"))).containsEntry("MALLOC_ARENA_MAX", "4");
    }

    private static final String CPU_DISPATCH_LIBRARY = "libnetwright-mkl-cpu-dispatch.so";

    @Test
    void dockerImagesSetTheLaunchersSpinCountAndAllocatorThresholds() throws Exception {
        Map<String, String> launcher = env(Map.of());
        for (String image : List.of("Dockerfile", "Dockerfile.worker", "Dockerfile.worker-cuda")) {
            String file = Files.readString(ROOT.resolve("docker").resolve(image));
            assertThat(file).as(image).contains("GOMP_SPINCOUNT=" + launcher.get("GOMP_SPINCOUNT"))
                    .doesNotContain("OMP_WAIT_POLICY")
                    .contains("MALLOC_MMAP_THRESHOLD_=" + launcher.get("MALLOC_MMAP_THRESHOLD_"))
                    .contains("MALLOC_TRIM_THRESHOLD_=" + launcher.get("MALLOC_TRIM_THRESHOLD_"))
                    .contains("MALLOC_ARENA_MAX=" + launcher.get("MALLOC_ARENA_MAX"));
        }
        // the CPU images build the dispatch library with the launcher's script and preload what they built
        for (String image : List.of("Dockerfile", "Dockerfile.worker")) {
            String file = Files.readString(ROOT.resolve("docker").resolve(image));
            assertThat(file).as(image).contains("scripts/build-mkl-cpu-dispatch.sh /src/target/native/"
                    + CPU_DISPATCH_LIBRARY).contains("COPY --from=build /src/target/native/" + CPU_DISPATCH_LIBRARY
                    + " /opt/netwright/native/").contains("LD_PRELOAD=/opt/netwright/native/" + CPU_DISPATCH_LIBRARY);
        }
    }

    @Test
    void workerImagesStartTheEngineWithTheLaunchersJavaOptions() throws Exception {
        List<String> options = launcherOptions("ENGINE_JAVA_OPTS");
        assertThat(options).as("the engine's JVM options").contains("-XX:MaxNewSize=64m");
        for (String image : List.of("Dockerfile.worker", "Dockerfile.worker-cuda")) {
            String entrypoint = Files.readString(ROOT.resolve("docker").resolve(image)).lines()
                    .dropWhile(l -> !l.startsWith("ENTRYPOINT")).findFirst().orElse("");
            for (String option : options) {
                assertThat(entrypoint).as(image).contains("\"" + option + "\"");
            }
        }
    }

    /** The JVM options the launcher script defines in {@code variable}. */
    private static List<String> launcherOptions(String variable) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\"([^\"]*)\"$")
                .matcher(Files.readString(ROOT.resolve("netwright")));
        assertThat(m.find()).as("the launcher defines " + variable).isTrue();
        return List.of(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theAppImageStartsTheServerWithTheLaunchersJavaOptions() throws Exception {
        List<String> options = launcherOptions("APP_JAVA_OPTS");
        assertThat(options).as("the app server's JVM options").contains("-XX:-G1UseAdaptiveIHOP");
        String entrypoint = Files.readString(ROOT.resolve("docker").resolve("Dockerfile")).lines()
                .dropWhile(l -> !l.startsWith("ENTRYPOINT")).findFirst().orElse("");
        for (String option : options) {
            assertThat(entrypoint).as("Dockerfile").contains("\"" + option + "\"");
        }
    }

    @Test
    void dispatchLibraryMakesOneMklUseTheCpusVectorKernels() throws Exception {
        assumeAmdWithGcc();
        Path lib = dir.resolve(CPU_DISPATCH_LIBRARY);
        run(new ProcessBuilder("sh", BUILD.toString(), lib.toString()), 60);
        Path torch = unpackLibtorch();
        Path probe = dir.resolve("mkl_cpu_probe");
        Path source = dir.resolve("mkl_cpu_probe.c");
        try (InputStream in = getClass().getResourceAsStream("mkl_cpu_probe.c")) {
            Files.copy(in, source);
        }
        run(new ProcessBuilder("gcc", "-O2", "-o", probe.toString(), source.toString(), "-ldl"), 60);

        int stock = Integer.parseInt(run(new ProcessBuilder(probe.toString(), torch.toString()), 60).trim());
        ProcessBuilder preloaded = new ProcessBuilder(probe.toString(), torch.toString());
        preloaded.environment().put("LD_PRELOAD", lib.toString());
        int dispatched = Integer.parseInt(run(preloaded, 60).trim());
        assertThat(stock).as("oneMKL's generic kernels on an AMD CPU without the library").isZero();
        assertThat(dispatched).as("oneMKL's AVX2 (5) or AVX-512 (7) kernels with it").isGreaterThanOrEqualTo(5);
    }

    @Test
    void sameSeedTrainsTheSameWeightsWithTheDispatchLibrary() throws Exception {
        assumeAmdWithGcc();
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "Fashion-MNIST installed");
        Path lib = dir.resolve(CPU_DISPATCH_LIBRARY);
        run(new ProcessBuilder("sh", BUILD.toString(), lib.toString()), 60);
        List<String> first = train(lib, dir.resolve("first"));
        List<String> second = train(lib, dir.resolve("second"));
        assertThat(first).as("epoch lines").isNotEmpty().isEqualTo(second);
        try (Stream<Path> files = Files.walk(dir.resolve("first"))) {
            List<Path> weights = files.filter(p -> p.getFileName().toString().endsWith(".params")).toList();
            assertThat(weights).as("saved weights").isNotEmpty();
            for (Path f : weights) {
                assertThat(Files.readAllBytes(dir.resolve("second").resolve(dir.resolve("first").relativize(f))))
                        .as("weights %s", f.getFileName()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    /** Trains the MLP template (the benchmark's matrix shapes) in a JVM with the library preloaded. */
    private List<String> train(Path lib, Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                NetwrightCli.class.getName(), "train", "mlp-fashion-mnist", "--dataset", "fashion-mnist", "--limit", "512",
                "--epochs", "2", "--threads", "2", "--seed", "7", "--out", out.toString());
        pb.environment().put("LD_PRELOAD", lib.toString());
        pb.environment().put("GOMP_SPINCOUNT", "10000");
        // the dynamic linker's symbol bindings (about 10 MB), to see libtorch's oneMKL bound to the library
        Path bindings = Files.createDirectories(out.resolveSibling(out.getFileName() + "-ld"));
        pb.environment().put("LD_DEBUG", "bindings");
        pb.environment().put("LD_DEBUG_OUTPUT", bindings.resolve("ld").toString());
        String log = run(pb, 300);
        assertThat(boundToLibrary(bindings, lib)).as("libtorch_cpu.so's mkl_serv_intel_cpu_true bound to %s", lib)
                .isTrue();
        List<String> epochs = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^.*epoch \\d+/\\d+.*$").matcher(log);
        while (m.find()) {
            epochs.add(m.group().replaceAll("\\s+\\d+:\\d+\\.\\d.*$", "")); // without the times
        }
        return epochs;
    }

    private static boolean boundToLibrary(Path bindings, Path lib) throws Exception {
        try (Stream<Path> files = Files.list(bindings)) {
            for (Path f : files.toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    if (lines.anyMatch(l -> l.contains("libtorch_cpu.so") && l.contains(" to " + lib + " ")
                            && l.contains("`mkl_serv_intel_cpu_true'"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void assumeAmdWithGcc() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "x86-64 only");
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assumeTrue(cpuinfo.contains("AuthenticAMD") && cpuinfo.contains(" avx2"), "an AMD CPU with AVX2");
        assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "gcc"))), "gcc");
    }

    /** libtorch_cpu.so with the libraries beside it that it needs, from DJL's native jar on the class path. */
    private Path unpackLibtorch() throws Exception {
        String jar = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> Path.of(e).getFileName().toString().startsWith("pytorch-native-cpu")).findFirst()
                .orElseThrow(() -> new AssertionError("no pytorch-native-cpu jar on the class path"));
        Path target = Files.createDirectories(dir.resolve("libtorch"));
        try (ZipFile zip = new ZipFile(jar)) {
            for (ZipEntry e : zip.stream().filter(e -> e.getName().matches("pytorch/.*/(libtorch_cpu|libc10|libgomp.*)\\.so.*"))
                    .toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target.resolve(Path.of(e.getName()).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target.resolve("libtorch_cpu.so");
    }

    /** The variables the script sets, from a shell with only {@code given} and the library turned off. */
    private Map<String, String> env(Map<String, String> given) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$1\"; netwright_cpu_env \"$2\"; "
                + "printf 'GOMP_SPINCOUNT=%s\\nOMP_WAIT_POLICY=%s\\nMALLOC_MMAP_THRESHOLD_=%s\\nMALLOC_TRIM_THRESHOLD_=%s\\n"
                + "MALLOC_ARENA_MAX=%s\\n' \"${GOMP_SPINCOUNT:-}\" \"${OMP_WAIT_POLICY:-}\" \"${MALLOC_MMAP_THRESHOLD_:-}\" "
                + "\"${MALLOC_TRIM_THRESHOLD_:-}\" \"${MALLOC_ARENA_MAX:-}\"",
                "sh", CPU_ENV.toString(), ROOT.toString());
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("MALLOC_MMAP_THRESHOLD_");
        pb.environment().remove("MALLOC_TRIM_THRESHOLD_");
        pb.environment().remove("MALLOC_ARENA_MAX");
        pb.environment().put("NETWRIGHT_MKL_DISPATCH", "0");
        pb.environment().putAll(given);
        Map<String, String> vars = new java.util.HashMap<>();
        for (String line : run(pb, 30).split("\n")) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }

    private String run(ProcessBuilder pb, int seconds) throws Exception {
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(done && p.exitValue() == 0).as("%s exited 0; its output:%n%s", pb.command(), out).isTrue();
        return out;
    }
}
