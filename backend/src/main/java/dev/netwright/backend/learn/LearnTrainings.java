package dev.netwright.backend.learn;

import dev.netwright.backend.resources.MemoryEstimate;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.worker.WorkerCapacity;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs the small in-process trainings of the learn pages (playground, vanishing gradients) off the UI thread,
 * at most {@code netwright.learn.max-trainings} at a time across the whole server (every app instance on its
 * database together, see {@link LearnSlots}), so that learners cannot take the CPU away from real training runs.
 * Each view runs at most one and stops it when it is detached.
 */
@Component
public class LearnTrainings implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LearnTrainings.class.getName());

    private final LearnSlots slots;
    private final AtomicInteger runningHere = new AtomicInteger();
    private final int max;
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "learn-training-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final long marginBytes;

    @Autowired
    LearnTrainings(@Value("${netwright.learn.max-trainings:2}") int max, ResourceLimits limits, DataSource dataSource) {
        this(max, limits, LearnSlots.inDatabase(dataSource, Math.max(1, max)));
    }

    /** With slots of this JVM only (tests without a database). */
    LearnTrainings(int max, ResourceLimits limits) {
        this(max, limits, LearnSlots.inThisJvm(Math.max(1, max)));
    }

    LearnTrainings(int max, ResourceLimits limits, LearnSlots slots) {
        this.max = Math.max(1, max);
        this.marginBytes = limits.inProcessMemoryMargin().toBytes();
        this.slots = slots;
    }

    /** A started training: stop it with {@link #stop()}; it also ends on its own. */
    public static final class Running {
        private final CancellationFlag cancel;

        Running(CancellationFlag cancel) {
            this.cancel = cancel;
        }

        public void stop() {
            cancel.cancel();
        }
    }

    /** Thrown when every slot is taken; the message is meant for the learner. */
    public static final class BusyException extends RuntimeException {
        BusyException(int max) {
            super("The server is already running " + max + (max == 1 ? " learning training" : " learning trainings")
                    + " (its limit); try again in a minute.");
        }

        BusyException(String message) {
            super(message);
        }
    }

    /**
     * Starts {@code work} on a training thread; {@code onFailure} gets anything it throws (the views show it).
     *
     * @throws BusyException when {@code max} learn trainings are already running
     */
    Running start(String what, Consumer<CancellationFlag> work, Consumer<RuntimeException> onFailure) {
        // the same safety margin as the in-process workers: a learner's training never takes the app below it
        if (WorkerCapacity.availableMemoryBytes() < marginBytes) {
            LOG.log(System.Logger.Level.WARNING, "learn training ''{0}'' refused: the machine is low on memory", what);
            throw new BusyException("The server is low on memory right now (less than its safety margin of "
                    + MemoryEstimate.words(marginBytes) + " is free); try again in a minute.");
        }
        LearnSlots.Slot slot = slots.tryTake().orElse(null);
        if (slot == null) {
            LOG.log(System.Logger.Level.INFO, "learn training ''{0}'' refused: {1} already running", what, max);
            throw new BusyException(max);
        }
        CancellationFlag cancel = new CancellationFlag();
        runningHere.incrementAndGet();
        try {
            executor.execute(() -> {
                long started = System.nanoTime();
                LOG.log(System.Logger.Level.INFO, "learn training ''{0}'' started", what);
                try {
                    work.accept(cancel);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "learn training '" + what + "' failed", e);
                    onFailure.accept(e);
                } finally {
                    slot.close();
                    runningHere.decrementAndGet();
                    LOG.log(System.Logger.Level.INFO, "learn training ''{0}'' ended after {1} ms{2}", what,
                            (System.nanoTime() - started) / 1_000_000, cancel.isCancelled() ? " (stopped)" : "");
                }
            });
        } catch (RuntimeException e) {
            slot.close();
            runningHere.decrementAndGet();
            throw e;
        }
        return new Running(cancel);
    }

    /** Trainings running in this instance. */
    int running() {
        return runningHere.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
