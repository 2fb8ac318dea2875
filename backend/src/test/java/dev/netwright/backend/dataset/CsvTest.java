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

    @Test
    void randomRecordsReadBackAsWrittenWhateverChunksTheReaderReturns() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(28);
        String alphabet = "ab1.-\"\t,\r\n ";
        for (int round = 0; round < 300; round++) {
            char separator = round % 3 == 0 ? '\t' : ',';
            List<List<String>> records = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int r = random.nextInt(1, 30); r > 0; r--) {
                List<String> record = new ArrayList<>();
                for (int f = random.nextInt(1, 6); f > 0; f--) {
                    StringBuilder field = new StringBuilder();
                    for (int n = random.nextInt(0, 40); n > 0; n--) {
                        field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    record.add(field.toString());
                }
                if (record.size() == 1 && record.getFirst().isEmpty()) {
                    record.set(0, "x");
                }
                records.add(record);
                for (int f = 0; f < record.size(); f++) {
                    String v = record.get(f);
                    boolean quote = v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0
                            || v.indexOf('\n') >= 0 || random.nextInt(4) == 0;
                    text.append(f > 0 ? String.valueOf(separator) : "")
                            .append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                }
                text.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            int chunk = random.nextInt(1, 50);
            Csv csv = new Csv(new java.io.Reader() {
                private final StringReader in = new StringReader(text.toString());

                @Override
                public int read(char[] into, int off, int len) throws IOException {
                    return in.read(into, off, Math.min(len, chunk));
                }

                @Override
                public void close() {
                }
            }, separator);
            List<List<String>> read = new ArrayList<>();
            for (List<String> r; (r = csv.next()) != null; ) {
                read.add(r);
            }
            assertThat(read).as("round %d, chunks of %d", round, chunk).isEqualTo(records);
        }
    }
}
