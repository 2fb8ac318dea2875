package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Small work runs on the calling thread alone, for as long as its scope is open, and on that thread only. */
class IntraOpThreadsTest {
    private int usual;

    @BeforeEach
    void engineWithSeveralThreads() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/maps")), "Linux only");
        EngineSupport.device();
        assertThat(IntraOpThreads.available()).as("libtorch's libgomp and MKL_Set_Num_Threads_Local found").isTrue();
        usual = IntraOpThreads.ofThisThread();
        assumeTrue(usual > 1, "libtorch runs one CPU thread here anyway");
    }

    @Test
    void smallWorkRunsOnOneThreadUntilItsScopeCloses() {
        try (IntraOpThreads.Scope scope = IntraOpThreads.forWork(IntraOpThreads.SMALL_WORK)) {
            assertThat(IntraOpThreads.ofThisThread()).isEqualTo(1);
            assertThat(IntraOpThreads.mklOfThisThread()).isEqualTo(1);
        }
        assertThat(IntraOpThreads.ofThisThread()).isEqualTo(usual);
        assertThat(IntraOpThreads.mklOfThisThread()).isEqualTo(usual);
    }

    @Test
    void largeOrUnknownWorkKeepsEveryThread() {
        for (long work : new long[] {IntraOpThreads.SMALL_WORK + 1, 0, -5}) {
            try (IntraOpThreads.Scope scope = IntraOpThreads.forWork(work)) {
                assertThat(IntraOpThreads.ofThisThread()).as("work " + work).isEqualTo(usual);
            }
        }
    }

    @Test
    void scopesNestAndRestoreWhatWasBefore() {
        try (IntraOpThreads.Scope outer = IntraOpThreads.forWork(10)) {
            try (IntraOpThreads.Scope inner = IntraOpThreads.forWork(10)) {
                assertThat(IntraOpThreads.ofThisThread()).isEqualTo(1);
            }
            assertThat(IntraOpThreads.ofThisThread()).as("the outer scope is still open").isEqualTo(1);
        }
        assertThat(IntraOpThreads.ofThisThread()).isEqualTo(usual);
    }

    @Test
    void otherThreadsKeepTheirCountWhileOneThreadIsLimited() throws Exception {
        CountDownLatch limited = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicInteger seenInside = new AtomicInteger();
        Thread small = new Thread(() -> {
            try (IntraOpThreads.Scope scope = IntraOpThreads.forWork(10)) {
                seenInside.set(IntraOpThreads.ofThisThread());
                limited.countDown();
                checked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        small.start();
        limited.await();
        try {
            assertThat(seenInside.get()).isEqualTo(1);
            assertThat(IntraOpThreads.ofThisThread()).isEqualTo(usual);
            assertThat(IntraOpThreads.mklOfThisThread()).isEqualTo(usual);
            // a thread that starts now gets the usual count too (libtorch's process-wide setting is untouched)
            AtomicInteger fresh = new AtomicInteger();
            Thread later = new Thread(() -> fresh.set(IntraOpThreads.ofThisThread()));
            later.start();
            later.join();
            assertThat(fresh.get()).isEqualTo(usual);
        } finally {
            checked.countDown();
            small.join();
        }
    }

    @Test
    void resultsAreTheSameOnOneThread() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDArray a = manager.randomNormal(new Shape(64, 300));
            NDArray b = manager.randomNormal(new Shape(300, 200));
            float[] usualResult = a.matMul(b).maximum(0f).sum(new int[] {1}).toFloatArray();
            float[] oneThread;
            try (IntraOpThreads.Scope scope = IntraOpThreads.forWork(1)) {
                oneThread = a.matMul(b).maximum(0f).sum(new int[] {1}).toFloatArray();
            }
            assertThat(oneThread).containsExactly(usualResult, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }
}
