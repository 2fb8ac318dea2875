package dev.netwright.tests.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PyTorch HTTP peer ({@code bench/pytorch_http_peer.py} under Debian's python3-torch) serving one unpacked model
 * ZIP as a child process on a free port of its choosing, with PyTorch's best settings here
 * ({@link CpuSetup#asPyTorchRunsBest}); stopped on {@link #close}.
 */
final class HttpPeer implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private final Process process;
    private final int port;
    private final Path script;
    private final Path log;

    private HttpPeer(Process process, int port, Path script, Path log) {
        this.process = process;
        this.port = port;
        this.script = script;
        this.log = log;
    }

    /** Starts the peer on {@code modelDir}; empty (with the reason printed) when python3-torch cannot serve it. */
    static Optional<HttpPeer> start(Path modelDir, int threads) throws Exception {
        if (!Files.isExecutable(PYTHON) || !Files.exists(modelDir.resolve("pytorch").resolve("model.py"))) {
            System.out.println("PyTorch HTTP peer unavailable: no " + PYTHON + " or no PyTorch export in " + modelDir);
            return Optional.empty();
        }
        Path script = Files.createTempFile("pytorch_http_peer", ".py");
        try (InputStream in = HttpPeer.class.getResourceAsStream("/bench/pytorch_http_peer.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = Files.createTempFile("pytorch_http_peer", ".log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), modelDir.toString(), "--threads",
                Integer.toString(threads), "--port", "0").redirectError(log.toFile());
        Process p = CpuSetup.asPyTorchRunsBest(pb).start();
        // its first stdout line, once it listens: {"port": N}; nothing (end of stream) when it failed to start
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            line = null;
        }
        if (line == null || !line.startsWith("{")) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            System.out.println("PyTorch HTTP peer did not start: " + Files.readString(log));
            Files.deleteIfExists(script);
            Files.deleteIfExists(log);
            return Optional.empty();
        }
        int port = JsonMapper.builder().build().readTree(line).get("port").asInt();
        return Optional.of(new HttpPeer(p, port, script, log));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and deletes its script and log. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String errors = Files.readString(log);
        if (!errors.isBlank()) {
            System.out.println("PyTorch HTTP peer's standard error: " + errors.strip());
        }
        Files.deleteIfExists(script);
        Files.deleteIfExists(log);
    }
}
