package dev.netwright.backend.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a PostgreSQL still running on the data folder when Netwright starts. If the previous Netwright process
 * was killed (kill -9, power loss of the JVM only), its embedded server lives on as an orphan and holds the folder;
 * that one is stopped cleanly. If the folder is in use by a live process (another Netwright on the same folder),
 * starting is refused instead. "Live" is decided by zonky's own lock file, which the owning JVM holds while it
 * runs and the operating system releases when it dies; the server's parent process says nothing, because the
 * embedded server is re-parented to init even while its JVM lives.
 */
final class LeftoverPostmaster {
    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    static void stopIfOrphaned(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
        } catch (RuntimeException e) {
            return; // unreadable: PostgreSQL itself decides whether the file is stale
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !commandLine(pid).contains(dataDir.toString())) {
            return; // stale pid file (or a reused pid): PostgreSQL removes it on start
        }
        if (lockedByLiveProcess(dataDir.resolve("epg-lock"))) {
            throw new IllegalStateException("The data folder " + dataDir.getParent() + " is in use by another "
                    + "running Netwright; stop it or start with another --data folder");
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier Netwright process that ended "
                + "abruptly", pid, dataDir);
        process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown, with a checkpoint
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " on " + dataDir + " did not stop within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    private static boolean lockedByLiveProcess(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
        }
    }
}
