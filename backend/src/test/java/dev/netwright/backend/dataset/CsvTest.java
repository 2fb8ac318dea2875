package dev.netwright.backend.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records come out the same wherever the reader's read-ahead buffer happens to end. */
class CsvTest {
    private static List<List<String>> all(String text, char separator) throws IOException {
        Csv csv = new Csv(new StringReader(text), separator);
        List<List<String>> records = new ArrayList<>();
        for (List<String> r; (r = csv.next()) != null; ) {
            records.add(r);
        }
        return records;
    }

    @Test
    void quotesSeparatorsAndLineEndsAcrossEveryBufferBoundary() throws IOException {
        // shift the same records over the 8,192-character read-ahead so that each special character meets its end
        for (int pad = 8150; pad < 8200; pad++) {
            String filler = "x".repeat(pad);
            String text = filler + ",\"a,\"\"b\"\"\r\nc\"\r\n1,2\n\"\",3\r\n";
            assertThat(all(text, ',')).as("padding %d", pad).containsExactly(
                    List.of(filler, "a,\"b\"\r\nc"), List.of("1", "2"), List.of("", "3"));
        }
    }

    @Test
    void linesAreCountedAndAnOpenQuoteIsReported() throws IOException {
        Csv csv = new Csv(new StringReader("a\tb\n\"x\ny\"\tz\n"), '\t');
        assertThat(csv.next()).containsExactly("a", "b");
        assertThat(csv.line()).isEqualTo(2);
        assertThat(csv.next()).containsExactly("x\ny", "z");
        assertThat(csv.line()).isEqualTo(4);
        assertThat(csv.next()).isNull();
        assertThatThrownBy(() -> all("a,\"never closed\n" + "y".repeat(9000), ','))
                .isInstanceOf(IOException.class).hasMessageContaining("never closed");
    }
}
