package dev.netwright.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.concurrent.locks.ReentrantLock;

/** Engine-level set-up shared by the trainers. */
public final class EngineSupport {
    /**
     * DJL's PyTorch gradient collector is process-wide: a second one opened while another is open throws. Every
     * forward/backward section holds this lock, so several runs in one JVM interleave their steps safely.
     */
    private static final ReentrantLock COLLECTOR_LOCK = new ReentrantLock();

    private EngineSupport() {
    }

    /** Lock to hold while a gradient collector is open. */
    public static ReentrantLock collectorLock() {
        return COLLECTOR_LOCK;
    }

    /** GPU when the engine sees one, else CPU. Also keeps the JIT compilers out of the kernels' way. */
    public static Device device() {
        CompilerThreads.yieldToKernels();
        return Engine.getInstance().defaultDevice();
    }

    /**
     * Seeds the engine RNG (initialisation, dropout, noise) and switches autograd recording off on this thread.
     * PyTorch's grad mode is per thread and on by default; DJL only switches it off on the thread that loaded the
     * engine, so a worker thread would otherwise record a graph for every evaluation and update.
     */
    public static void prepareThread(int seed) {
        CompilerThreads.yieldToKernels();
        Engine.getInstance().setRandomSeed(seed);
        inferenceThread();
    }

    /** Switches autograd recording off on this thread (PyTorch's no_grad), for predictions and updates. */
    public static void inferenceThread() {
        CompilerThreads.yieldToKernels();
        Engine engine = Engine.getInstance();
        if ("PyTorch".equals(engine.getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }
}
