package dev.netwright.backend.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.dataset.CsvInspector.ColumnType;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInspectorTest {
    @Test
    void readsQuotedFieldsWithSeparatorsNewlinesAndDoubledQuotes() throws IOException {
        Csv csv = new Csv(new StringReader("a,\"b,c\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\n1,2,3,4"), ',');
        assertThat(csv.next()).containsExactly("a", "b,c", "line\nbreak", "say \"hi\"");
        assertThat(csv.next()).containsExactly("1", "2", "3", "4");
        assertThat(csv.next()).isNull();
    }

    @Test
    void infersTheNarrowestCommonType() {
        assertThat(CsvInspector.typeOf("12")).isEqualTo(ColumnType.INTEGER);
        assertThat(CsvInspector.typeOf("-1.5e3")).isEqualTo(ColumnType.NUMBER);
        assertThat(CsvInspector.typeOf("TRUE")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(CsvInspector.typeOf("Infinity")).isEqualTo(ColumnType.TEXT);
        assertThat(CsvInspector.widen(ColumnType.INTEGER, ColumnType.NUMBER)).isEqualTo(ColumnType.NUMBER);
        assertThat(CsvInspector.widen(ColumnType.INTEGER, ColumnType.BOOLEAN)).isEqualTo(ColumnType.TEXT);
        assertThat(CsvInspector.widen(ColumnType.EMPTY, ColumnType.BOOLEAN)).isEqualTo(ColumnType.BOOLEAN);
    }

    @Test
    void aFreeTextColumnIsShownAsTextWithTokenLengths(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("reviews.csv");
        java.nio.file.Files.writeString(file, """
                id,colour,review,label
                1,red,"Really good value, would buy again",yes
                2,blue,Broke after two days,no
                3,red,"Fine, nothing special here at all, sadly",yes
                """);
        CsvInspector.Summary s = CsvInspector.inspect(file, ',');
        CsvInspector.Column review = s.columns().get(2);
        assertThat(review.freeText()).isTrue();
        assertThat(review.tokens().median()).isEqualTo(7);   // really good value , would buy again
        assertThat(review.tokens().p95()).isEqualTo(9);      // fine , nothing special here at all , sadly
        assertThat(review.tokens().max()).isEqualTo(9);
        assertThat(s.columns().get(1).freeText()).as("a category is not free text").isFalse();
        assertThat(s.columns().get(1).tokens()).isNull();
        assertThat(s.columns().get(0).freeText()).isFalse();
    }

    @Test
    void aNonUtf8UploadNamesLineAndByte(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("latin1.csv");
        java.nio.file.Files.write(file, "a,b\n\u00e9,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvInspector.inspect(file, ','))
                .hasMessageContaining("line 2, byte offset 4").hasMessageContaining("UTF-8")
                .hasMessageNotContaining(dir.toString());
    }

    @Test
    void classFoldersWithOrWithoutACommonRoot() {
        var flat = ZipExtractor.summarise(List.of("cats/1.png", "dogs/2.png", "dogs/3.png"), 0, 10);
        assertThat(flat.root()).isEmpty();
        assertThat(flat.classes()).extracting(ZipExtractor.ClassFolder::images).containsExactly(1, 2);
        var rooted = ZipExtractor.summarise(List.of("set/cats/1.png", "set/dogs/2.png"), 0, 10);
        assertThat(rooted.root()).isEqualTo("set/");
        assertThat(rooted.classes()).extracting(ZipExtractor.ClassFolder::name).containsExactly("cats", "dogs");
    }
}
