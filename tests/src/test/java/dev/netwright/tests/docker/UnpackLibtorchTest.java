package dev.netwright.tests.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker/unpack-libtorch.sh, which the CUDA worker image runs on its CUDA libtorch, checked here on the CPU libtorch
 * of this build (same DJL code path, another flavour): after it, a worker process with {@code ENGINE_CACHE_DIR} on
 * its output and the shrunk native jar on the class path trains with nothing downloaded and nothing extracted.
 */
class UnpackLibtorchTest {
    private static final Path SCRIPT = Path.of("..", "docker", "unpack-libtorch.sh");

    @Test
    void unpackedLibtorchLoadsWithNothingDownloadedOrExtracted() throws Exception {
        Path dir = Files.createTempDirectory("unpack-libtorch");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        List<String> classPath = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        String nativeJar = null;
        for (String entry : classPath) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("pytorch-native-") || name.startsWith("pytorch-jni-")
                    || name.startsWith("pytorch-engine-")) {
                Files.copy(Path.of(entry), lib.resolve(name));
                nativeJar = name.startsWith("pytorch-native-") ? entry : nativeJar;
            }
        }
        assertThat(nativeJar).as("a pytorch-native jar on the test class path").isNotNull();
        Path engines = dir.resolve("engines");
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        String log = run(new ProcessBuilder("sh", SCRIPT.toString(), lib.toString(), engines.toString()), bin,
                dir.resolve("unpack.log"), 120);
        assertThat(log).contains("unpack-libtorch: libtorch");

        Path unpacked;
        try (Stream<Path> s = Files.list(engines.resolve("pytorch"))) {
            unpacked = s.findFirst().orElseThrow();
        }
        try (Stream<Path> s = Files.list(unpacked)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).contains("libtorch.so")
                    .anyMatch(n -> n.endsWith("-libdjl_torch.so"));
        }
        Path shrunk = lib.resolve(Path.of(nativeJar).getFileName());
        assertThat(Files.size(shrunk)).as("the native jar keeps only its properties").isLessThan(10_000);

        // the worker's class path: the shrunk jar instead of the full one
        String original = nativeJar;
        List<String> workerPath = classPath.stream().map(e -> e.equals(original) ? shrunk.toString() : e).toList();
        Path djlCache = Files.createDirectories(dir.resolve("djl"));
        long enginesBefore = countFiles(engines);
        ProcessBuilder train = new ProcessBuilder(bin.resolve("java").toString(), "-Dai.djl.offline=true",
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, workerPath),
                "dev.netwright.engine.cli.NetwrightCli", "train", "gru-classifier", "--dataset", "sine-sequences",
                "--limit", "64", "--epochs", "1", "--threads", "1", "--out", dir.resolve("model").toString());
        train.environment().put("ENGINE_CACHE_DIR", engines.toString());
        train.environment().put("DJL_CACHE_DIR", djlCache.toString());
        train.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        String trained = run(train, bin, dir.resolve("train.log"), 300);
        assertThat(trained).contains("epoch 1/1");
        assertThat(countFiles(engines)).as("nothing extracted into the engine cache").isEqualTo(enginesBefore);
        assertThat(countFiles(djlCache)).as("nothing written to DJL's cache").isZero();
    }

    private static String run(ProcessBuilder pb, Path javaBin, Path logFile, int seconds) throws Exception {
        pb.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(logFile);
        assertThat(done && p.exitValue() == 0).as("%s exited 0; its output:%n%s", pb.command(), log).isTrue();
        return log;
    }

    private static long countFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
