package dev.netwright.engine.cli;

/** Sets the engine's CPU thread counts; must run before the engine loads. */
final class EngineThreads {
    private EngineThreads() {
    }

    static void configure(int threads) {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
    }
}
