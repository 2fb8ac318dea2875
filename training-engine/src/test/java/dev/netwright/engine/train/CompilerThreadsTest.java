package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The JIT compiler threads run at nice 19, in the idle scheduling class, once the engine is used, so they cannot stall
 * libtorch's threads.
 */
class CompilerThreadsTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @Test
    void compilerThreadsAreAtTheLowestPriority() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        int level = CompilerThreads.nice(System.getenv(CompilerThreads.SWITCH));
        assumeTrue(level != 0, "switched off in this environment");
        EngineSupport.device(); // the engine's entry points lower them
        // the JVM may have started a compiler thread since the last scan (scans are at most every 10 s)
        CompilerThreads.rescan();
        int compilers = 0;
        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : threads.toList()) {
                String name = Files.readString(thread.resolve("comm")).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    compilers++;
                    assertThat(nice(thread)).as(name + " " + thread.getFileName()).isEqualTo(level);
                    if (level == CompilerThreads.DEFAULT_NICE) {
                        assertThat(policy(thread)).as(name + " scheduling class").isEqualTo(SCHED_IDLE);
                    }
                }
            }
        }
        assertThat(compilers).as("JIT compiler threads in this JVM").isPositive();
        assertThat(CompilerThreads.lowered()).hasSizeGreaterThanOrEqualTo(compilers);
        // other threads keep their priority, this one included
        assertThat(nice(Path.of("/proc/thread-self"))).isZero();
        assertThat(policy(Path.of("/proc/thread-self"))).isEqualTo(SCHED_OTHER);
    }

    @Test
    void theSettingNamesALevelOrFallsBackToTheDefault() {
        assertThat(CompilerThreads.nice(null)).isEqualTo(CompilerThreads.DEFAULT_NICE);
        assertThat(CompilerThreads.nice("0")).isZero();
        assertThat(CompilerThreads.nice(" 7 ")).isEqualTo(7);
        assertThat(CompilerThreads.nice("20")).isEqualTo(CompilerThreads.DEFAULT_NICE);
        assertThat(CompilerThreads.nice("low")).isEqualTo(CompilerThreads.DEFAULT_NICE);
    }

    private static int nice(Path thread) throws Exception {
        return statField(thread, 19);
    }

    private static int policy(Path thread) throws Exception {
        return statField(thread, 41);
    }

    /** Field {@code n} of /proc/.../stat; the name before it may hold spaces, so count from its closing parenthesis. */
    private static int statField(Path thread, int n) throws Exception {
        String stat = Files.readString(thread.resolve("stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[n - 3]);
    }
}
