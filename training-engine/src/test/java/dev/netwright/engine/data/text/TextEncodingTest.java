package dev.netwright.engine.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.tabular.CsvTable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEncodingTest {
    @TempDir
    Path dir;

    @Test
    void wordsAreLowerCasedAndPunctuationSplitOff() {
        assertThat(Tokens.split("Great product, LOVE it!! Don't buy 3.5 kg", TokenLevel.WORD))
                .containsExactly("great", "product", ",", "love", "it", "!", "!", "don't", "buy", "3.5", "kg");
        assertThat(Tokens.split("  Hi,\n you ", TokenLevel.CHARACTER))
                .containsExactly("h", "i", ",", " ", "y", "o", "u");
    }

    @Test
    void vocabularyKeepsTheMostFrequentTokensWithinTheEmbeddingSize() {
        TextEncoding e = TextEncoding.fit("t", List.of("b a b c", "b a d", "e"), TokenLevel.WORD, 4, 3,
                Padding.END);
        // 2 reserved ids + the two most frequent: b (3), a (2); c, d and e (1 each) are out
        assertThat(e.vocabulary()).containsExactly(TextEncoding.PAD, TextEncoding.UNKNOWN, "b", "a");
        TextEncoding.Encoded short1 = e.encode("A b");
        assertThat(short1.ids()).containsExactly(3, 2, 0);
        assertThat(short1.truncated()).isFalse();
        TextEncoding.Encoded longer = e.encode("b c a z b");
        assertThat(longer.ids()).containsExactly(2, 1, 3);
        assertThat(longer.truncated()).isTrue();
        assertThat(longer.unknown()).isEqualTo(2); // c and z, counted over the whole text
        TextEncoding.EncodedTexts all = e.encodeAll(List.of("A b", "b c a z b"));
        assertThat(all.truncatedRows()).isEqualTo(1);
        assertThat(all.unknownTokens()).isEqualTo(2);
        assertThat(all.describe("test")).contains("1 cut").contains("2 of 7 tokens unknown");
        TextEncoding front = new TextEncoding("t", TokenLevel.WORD, 3, Padding.FRONT, e.vocabulary());
        assertThat(front.encode("A b").ids()).containsExactly(0, 3, 2); // for recurrent designs
    }

    @Test
    void aVocabularySizeBelowThreeIsRefused() {
        assertThatThrownBy(() -> TextEncoding.fit("t", List.of("a"), TokenLevel.WORD, 2, 8, Padding.END))
                .hasMessageContaining("vocabSize is 2");
    }

    @Test
    void theFreeTextColumnIsFoundAndLengthsMeasured() throws Exception {
        CsvTable table = CsvTable.read(new StringReader("""
                id,colour,review,label
                1,red,"Really good value, would buy again",yes
                2,blue,Broke after two days of use,no
                3,red,"Fine, nothing special here at all",yes
                """), "reviews.csv", ',');
        assertThat(TextTable.detectColumn(table, "label")).contains("review");
        TextTable text = TextTable.load(table, TextSettings.detect(), "label", ArrayDataset.Task.CLASSIFICATION);
        assertThat(text.column()).isEqualTo("review");
        assertThat(text.classNames()).containsExactly("no", "yes");
        TokenLengths lengths = TokenLengths.of(text.texts(), TokenLevel.WORD);
        assertThat(lengths.max()).isEqualTo(7); // "really good value , would buy again"
        assertThat(lengths.median()).isEqualTo(7);
    }

    @Test
    void anEmptyTextColumnIsAnErrorNamingTheColumn() throws Exception {
        CsvTable table = CsvTable.read(new StringReader("text,label\n\"\",a\n\" \",b\n"), "empty.csv", ',');
        assertThatThrownBy(() -> TextTable.load(table, new TextSettings("text", TokenLevel.WORD), "label",
                ArrayDataset.Task.CLASSIFICATION)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'text'").hasMessageContaining("empty in every row");
    }

    @Test
    void aNonUtf8FileIsReportedWithLineAndByteOffset() throws Exception {
        Path file = dir.resolve("latin1.csv");
        byte[] head = "text,label\nfine,a\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "caf\u00e9 au lait,b\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(file, all);
        assertThatThrownBy(() -> CsvTable.read(file, (char) 0)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 3, byte offset " + (head.length + 3))
                .hasMessageContaining("0xE9").hasMessageContaining("UTF-8");
    }
}
