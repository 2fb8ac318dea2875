package dev.netwright.engine.train.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.train.profile.BatchProfile.Stage;
import org.junit.jupiter.api.Test;

class BatchProfileTest {

    @Test
    void aRecordingProfileSumsEachStagesTimeAndNativeCounts() throws Exception {
        long[] calls = {0};
        BatchProfile profile = BatchProfile.recording(new NativeCounts() {
            @Override
            public long jniCalls() {
                return calls[0];
            }

            @Override
            public long arrays() {
                return calls[0] / 2;
            }
        });
        for (int batch = 0; batch < 2; batch++) {
            profile.start();
            Thread.sleep(3);
            calls[0] += 4;
            profile.lap(Stage.DATA);
            calls[0] += 10;
            profile.lap(Stage.FORWARD);
            profile.batchDone();
        }
        assertThat(profile.batches()).isEqualTo(2);
        assertThat(profile.millisPerBatch().get(Stage.DATA)).isGreaterThanOrEqualTo(3.0);
        assertThat(profile.jniCallsPerBatch()).containsEntry(Stage.DATA, 4.0).containsEntry(Stage.FORWARD, 10.0);
        assertThat(profile.arraysPerBatch()).containsEntry(Stage.DATA, 2.0).containsEntry(Stage.FORWARD, 5.0);
        profile.reset();
        assertThat(profile.batches()).isZero();
        assertThat(profile.millisPerBatch().get(Stage.DATA)).isZero();
    }

    @Test
    void offRecordsNothing() throws Exception {
        BatchProfile off = BatchProfile.OFF;
        off.start();
        Thread.sleep(2);
        off.lap(Stage.DATA);
        off.batchDone();
        assertThat(off.batches()).isZero();
        assertThat(off.millisPerBatch().values()).containsOnly(0.0);
        assertThat(off.countsNative()).isFalse();
        assertThat(off.nativeSummary()).isEmpty();
    }
}
