package dev.netwright.engine;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's python3-torch and python3-torchvision (they run with {@code /usr/bin/python3}, not a python first on the
 * PATH), the peers the interoperability tests compare against. Without them those tests are skipped saying how to
 * install them, or fail when the environment variable {@code CI} is set.
 */
public final class PythonTorch {
    /** The interpreter: {@code NETWRIGHT_PYTHON}, else Debian's. */
    public static final Path PYTHON = Path.of(System.getenv().getOrDefault("NETWRIGHT_PYTHON", "/usr/bin/python3"));
    private static Boolean available;

    private PythonTorch() {
    }

    /** Skips the calling test (fails it on CI) unless torch, torchvision and numpy import. */
    public static synchronized void require() {
        if (available == null) {
            available = probe();
        }
        if (!available) {
            String message = "python3-torch and python3-torchvision are not installed for " + PYTHON
                    + " (apt-get install -y python3-torch python3-torchvision, or run"
                    + " scripts/install-test-prerequisites.sh as root)";
            if (onCi()) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private static boolean onCi() {
        String value = System.getenv("CI");
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false");
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, torchvision, numpy")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a script with arguments in {@code workDir}; fails the test with its output when it exits non-zero. */
    public static String run(Path script, Path workDir, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(script.getFileName() + " ran past " + timeoutSeconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(script.getFileName() + " failed (exit " + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** Copies a class-path resource next to the test's files. */
    public static Path script(Class<?> owner, String resource, Path dir) throws IOException {
        try (var in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Path target = dir.resolve(resource);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }
}
