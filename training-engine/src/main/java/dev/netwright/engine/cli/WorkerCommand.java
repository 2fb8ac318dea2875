package dev.netwright.engine.cli;

import dev.netwright.engine.worker.HttpWorkerBackend;
import dev.netwright.engine.worker.WorkerLoop;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netwright worker}: a standalone training worker that talks to the server over HTTP only. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Train queued runs for a Netwright server (HTTP only; no database access needed).")
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, description = "server URL, e.g. http://host:8080")
    URI server;
    // The environment is the way to pass it: a command line is visible to every user who can list processes.
    @Option(names = "--token", required = true, defaultValue = "${env:NETWRIGHT_WORKER_TOKEN}",
            description = "worker token (an administrator creates one); default: the environment variable "
                    + "NETWRIGHT_WORKER_TOKEN, the better way to pass it")
    String token;
    @Option(names = "--name", description = "worker name in logs and leases (default: host name + pid)")
    String name;
    @Option(names = "--work-dir", defaultValue = "worker-data", description = "scratch folder for checkpoints")
    Path workDir;
    @Option(names = "--poll", defaultValue = "2", description = "seconds between claims while the queue is empty")
    int poll;
    @Option(names = "--threads", defaultValue = "0", description = "CPU threads for the engine (0: engine default)")
    int threads;

    @Override
    public Integer call() throws Exception {
        EngineThreads.configure(threads);
        String id = name != null ? name
                : java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        WorkerLoop loop = new WorkerLoop(new HttpWorkerBackend(server, token, id, workDir.toAbsolutePath()),
                Duration.ofSeconds(Math.max(1, poll)));
        Runtime.getRuntime().addShutdownHook(new Thread(loop::stop));
        System.err.println("netwright worker " + id + " polling " + server);
        loop.run();
        return 0;
    }
}
