package dev.netwright.engine.data;

import dev.netwright.engine.data.tabular.ColumnEncoding;
import dev.netwright.engine.data.tabular.CsvOptions;
import dev.netwright.engine.data.tabular.MissingValues;
import dev.netwright.engine.data.tabular.TableLoader;
import dev.netwright.engine.data.tabular.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class TableLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String PEOPLE = """
            age,colour,height,label
            30,red,1.80,yes
            40,blue,,no
            ,red,1.60,yes
            50,"green, light",1.70,no
            """;

    @Test
    void oneHotEncodesCategoricalColumnsAndImputesWhenAsked() throws IOException {
        Path csv = write("people.csv", PEOPLE);
        TabularData t = TableLoader.load(csv, CsvOptions.classification("label").withMissing(MissingValues.IMPUTE));
        ArrayDataset d = t.dataset();
        assertThat(t.featureNames()).containsExactly("age", "colour=blue", "colour=green, light", "colour=red", "height");
        assertThat(d.sampleShape()).containsExactly(5);
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.classNames()).containsExactly("no", "yes");
        assertThat(d.targets()).containsExactly(1, 0, 1, 0);
        assertThat(d.sample(0)).containsExactly(30, 0, 0, 1, 1.8f);
        // Missing height -> mean of 1.8, 1.6, 1.7; missing age -> mean of 30, 40, 50.
        assertThat(d.sample(1)[4]).isCloseTo(1.7f, offset(1e-5f));
        assertThat(d.sample(2)[0]).isEqualTo(40f);
        assertThat(d.sample(3)).containsExactly(50, 0, 1, 0, 1.7f);
        ColumnEncoding height = t.encoding().columns().get(2);
        assertThat(height.fill()).isNotNull();
        // The fitted encoding encodes new rows the same way (unseen category -> zeros).
        assertThat(t.encoding().encode(Map.of("age", "20", "colour", "purple", "height", "2")))
                .containsExactly(20, 0, 0, 0, 2);
    }

    @Test
    void imputesTheMostFrequentCategory() throws IOException {
        Path csv = write("c.csv", "colour,y\nred,1\nred,2\nNA,3\nblue,4\n");
        TabularData t = TableLoader.load(csv, CsvOptions.regression("y").withMissing(MissingValues.IMPUTE));
        assertThat(t.dataset().task()).isEqualTo(ArrayDataset.Task.REGRESSION);
        assertThat(t.dataset().sample(2)).containsExactly(0, 1); // blue, red -> red
        assertThat(t.dataset().targets()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void reportsMissingValuesWithFileLineAndColumn() throws IOException {
        Path csv = write("people.csv", PEOPLE);
        assertThatThrownBy(() -> TableLoader.load(csv, CsvOptions.classification("label")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("column 'age'")
                .hasMessageContaining("missing");
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        Path csv = write("bad.csv", "a,b,y\n1,2,x\n3,4\n5,6,z\n");
        assertThatThrownBy(() -> TableLoader.load(csv, CsvOptions.classification("y")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("line 3")
                .hasMessageContaining("2 fields but the header has 3");
        Path quote = write("quote.csv", "a,y\n1,x\n\"2,y\n");
        assertThatThrownBy(() -> TableLoader.load(quote, CsvOptions.classification("y")))
                .hasMessageContaining("quote.csv").hasMessageContaining("line 3").hasMessageContaining("never closed");
        Path noTarget = write("t.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> TableLoader.load(noTarget, CsvOptions.classification("label")))
                .hasMessageContaining("t.csv").hasMessageContaining("no target column 'label'");
        Path badTarget = write("r.csv", "a,y\n1,2\n3,high\n");
        assertThatThrownBy(() -> TableLoader.load(badTarget, CsvOptions.regression("y")))
                .hasMessageContaining("r.csv, line 3, column 'y'").hasMessageContaining("'high' is not a number");
    }

    @Test
    void readsTsvAndHonoursIgnoredAndForcedCategoricalColumns() throws IOException {
        Path tsv = write("zip.tsv", "id\tzip\tsize\tprice\n1\t1000\t50\t3.5\n2\t2000\t70\t4.5\n3\t1000\t60\t4.0\n");
        TabularData t = TableLoader.load(tsv, CsvOptions.regression("price").withIgnored(Set.of("id"))
                .withCategorical(Set.of("zip")));
        assertThat(t.featureNames()).containsExactly("zip=1000", "zip=2000", "size");
        assertThat(t.dataset().sample(1)).containsExactly(0, 1, 70);
        assertThat(t.dataset().targets()).containsExactly(3.5f, 4.5f, 4.0f);
    }

    @Test
    void quotedFieldsMaySpanLinesAndErrorsPointAtTheRightLine() throws IOException {
        Path csv = write("notes.csv", "note,x,y\n\"two\nlines\",1,a\nplain,2,b\nplain,,c\n");
        assertThatThrownBy(() -> TableLoader.load(csv, CsvOptions.classification("y").withIgnored(Set.of("note"))))
                .hasMessageContaining("line 5, column 'x'");
        TabularData t = TableLoader.load(csv, CsvOptions.classification("y").withIgnored(Set.of("note"))
                .withMissing(MissingValues.IMPUTE));
        assertThat(t.dataset().features()).containsExactly(1, 2, 1.5f);
    }

    @Test
    void spreadsheetByteOrderMarkIsIgnored() throws IOException {
        Path csv = write("bom.csv", "\uFEFFlabel,x\na,1\nb,2\n");
        assertThat(TableLoader.load(csv, CsvOptions.classification("label")).featureNames()).containsExactly("x");
    }

    @Test
    void numericClassNamesSortNumerically() throws IOException {
        Path csv = write("n.csv", "x,y\n1,10\n2,2\n3,10\n");
        assertThat(TableLoader.load(csv, CsvOptions.classification("y")).dataset().classNames()).containsExactly("2", "10");
    }
}
