package dev.netwright.backend.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker uploads: a file of their own each, the size limit counted while streaming, nothing left on failure. */
class UploadTest {
    @TempDir
    Path dir;

    @Test
    void anEndlessUploadStopsAtTheLimitAndLeavesNothing() {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 7);
                served.addAndGet(len);
                return len;
            }
        };
        assertThatThrownBy(() -> Upload.receive(dir, "checkpoint", endless, 1 << 20))
                .isInstanceOf(Upload.TooLargeException.class)
                .hasMessage("checkpoint is larger than 1048576 bytes");
        assertThat(served.get()).as("read no further than the limit and one buffer").isLessThanOrEqualTo(
                (1 << 20) + 65536);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBrokenUploadLeavesNothing() {
        InputStream broken = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset by peer");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> Upload.receive(dir, "artifact", broken, 1 << 20)).hasMessageContaining("reset");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void twoUploadsOfOneRunNeverShareAFile() throws IOException {
        Path target = dir.resolve("artifact.zip");
        try (Upload first = Upload.receive(dir, "artifact", stream("first"), 100);
             Upload second = Upload.receive(dir, "artifact", stream("second"), 100)) {
            assertThat(first.file()).isNotEqualTo(second.file());
            assertThat(first.size()).isEqualTo(5);
            assertThat(first.sha256()).hasSize(64).isNotEqualTo(second.sha256());
            second.moveTo(target);
            assertThat(Files.readString(first.file())).as("untouched by the other upload").isEqualTo("first");
        }
        assertThat(Files.readString(target)).isEqualTo("second");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("the one not moved into place is gone").containsExactly(target);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
