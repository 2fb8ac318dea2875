package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unzipping what a worker sent stops at the caller's limits, with a message that says which. */
class ZipsTest {
    @TempDir
    Path dir;

    private static byte[] zip(int entries, int bytesEach) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("f" + i));
                zip.write(new byte[bytesEach]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        byte[] zip = zip(11, 1);
        assertThatThrownBy(() -> Zips.unzip(new ByteArrayInputStream(zip), dir.resolve("a"), 1 << 20, 10))
                .isInstanceOf(Zips.LimitExceededException.class).hasMessage("the ZIP has more than 10 entries");
        Zips.unzip(new ByteArrayInputStream(zip), dir.resolve("b"), 1 << 20, 11);
        assertThat(dir.resolve("b").toFile().list()).hasSize(11);
    }

    @Test
    void expandingPastTheByteLimitIsRefused() throws IOException {
        byte[] zip = zip(2, 1000); // compresses to a few bytes: what counts is what comes out
        assertThatThrownBy(() -> Zips.unzip(new ByteArrayInputStream(zip), dir.resolve("a"), 1999, 100))
                .isInstanceOf(Zips.LimitExceededException.class)
                .hasMessage("the ZIP expands to more than 1999 bytes");
        Zips.unzip(new ByteArrayInputStream(zip), dir.resolve("b"), 2000, 100);
    }
}
