package dev.netwright.backend.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DatasetUploadTest extends ApiTestBase {
    private Api editor;
    private UUID workspace;
    private UUID project;

    @BeforeEach
    void setUp() {
        editor = newUser("data");
        workspace = workspace(editor, "Data");
        project = project(editor, workspace);
    }

    /** A ZIP whose entries are (name, content) pairs. */
    static byte[] zip(Object... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) entries[i]));
                zip.write((byte[]) entries[i + 1]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private long storedUploads() {
        return jdbc.sql("SELECT count(*) FROM datasets WHERE project_id = ?").param(project).query(Long.class).single();
    }

    private static long stagingFiles() throws IOException {
        Path staging = Path.of("target/it-data/datasets/.staging");
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void csvUploadPreviewsColumnsTypesAndFirstRows() {
        String csv = "sepal length,species,flag,note\n5.1,setosa,true,\"a, quoted\"\"text\"\n4,versicolor,false,\n"
                + "6.3,virginica,true,x\n";
        Api.Res r = editor.upload("/api/projects/" + project + "/datasets", "iris.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.str("kind")).isEqualTo("CSV");
        assertThat(r.str("name")).isEqualTo("iris");

        JsonNode preview = editor.get("/api/datasets/" + r.id() + "/preview").json().get("preview");
        assertThat(preview.get("rows").asLong()).isEqualTo(3);
        assertThat(preview.get("columns").findValuesAsString("type"))
                .containsExactly("NUMBER", "TEXT", "BOOLEAN", "TEXT");
        assertThat(preview.get("columns").get(3).get("missing").asLong()).isEqualTo(1);
        assertThat(preview.get("firstRows").get(0).get(3).asString()).isEqualTo("a, quoted\"text");

        JsonNode listing = editor.get("/api/projects/" + project + "/datasets").json();
        assertThat(listing.get("builtIn").findValuesAsString("id")).contains("fashion-mnist", "iris",
                "token-sequences", "gaussian-mixture").hasSize(12);
        assertThat(listing.get("uploads").get("total").asInt()).isEqualTo(1);
        assertThat(listing.get("uploads").get("items").get(0).get("name").asString()).isEqualTo("iris");
    }

    @Test
    void headerOnlyAndRaggedTablesAreRefusedSayingWhereAndNothingIsStored() throws IOException {
        Api.Res headerOnly = editor.upload("/api/projects/" + project + "/datasets", "empty.csv",
                "a,b,label\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(headerOnly.status()).as(headerOnly.text()).isEqualTo(400);
        assertThat(headerOnly.str("detail")).contains("no data rows");

        Api.Res ragged = editor.upload("/api/projects/" + project + "/datasets", "ragged.csv",
                "a,b,label\n1,2,x\n3,y\n4,5,z,extra\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ragged.status()).as(ragged.text()).isEqualTo(400);
        assertThat(ragged.str("detail")).contains("data row 2 has 2 values but the header names 3 columns")
                .contains("2 rows differ");

        Api.Res raggedTsv = editor.upload("/api/projects/" + project + "/datasets", "ragged.tsv",
                "a\tb\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(raggedTsv.status()).isEqualTo(400);
        assertThat(raggedTsv.str("detail")).contains("data row 1 has 1 value but");
        assertThat(storedUploads()).isZero();
        assertThat(stagingFiles()).isZero();
    }

    @Test
    void tsvIsSplitOnTabs() {
        Api.Res r = editor.upload("/api/projects/" + project + "/datasets", "t.tsv",
                "a\tb\n1\t2\n3\t4.5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("summary").get("columns").findValuesAsString("type"))
                .containsExactly("INTEGER", "NUMBER");
    }

    @Test
    void imageZipListsClassFoldersWithCountsAndServesSamples() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        byte[] archive = zip("pets/", new byte[0], "pets/cats/1.png", png, "pets/cats/2.png", png,
                "pets/dogs/1.jpg", png, "pets/README.txt", "hi".getBytes(StandardCharsets.UTF_8),
                "__MACOSX/pets/._1.png", png);
        Api.Res r = editor.upload("/api/projects/" + project + "/datasets", "pets.zip", archive);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode summary = r.json().get("summary");
        assertThat(summary.get("root").asString()).isEqualTo("pets/");
        assertThat(summary.get("classes").findValuesAsString("name")).containsExactly("cats", "dogs");
        assertThat(summary.get("classes").get(0).get("images").asInt()).isEqualTo(2);
        assertThat(summary.get("images").asInt()).isEqualTo(3);

        Api.Res sample = editor.get("/api/datasets/" + r.id() + "/files?path=pets/cats/1.png");
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.header("Content-Type")).isEqualTo("image/png");
        assertThat(editor.get("/api/datasets/" + r.id() + "/files?path=../../../../etc/passwd").status())
                .isEqualTo(400);
        assertThat(newUser("stranger").get("/api/datasets/" + r.id() + "/files?path=pets/cats/1.png").status())
                .isEqualTo(404);
    }

    @Test
    void zipSlipEntriesAreRejectedAndNothingIsKept() throws IOException {
        for (String evil : new String[] {"../evil.png", "cats/../../evil.png", "/abs/evil.png", "c:\\evil.png"}) {
            byte[] archive = zip("cats/ok.png", new byte[] {1}, evil, new byte[] {2});
            Api.Res r = editor.upload("/api/projects/" + project + "/datasets", "evil.zip", archive);
            assertThat(r.status()).as(evil).isEqualTo(400);
            assertThat(r.str("detail")).contains("zip-slip");
        }
        assertThat(Files.exists(Path.of("target/it-data/datasets/evil.png"))).isFalse();
        assertThat(Files.exists(Path.of("target/it-data/evil.png"))).isFalse();
        assertThat(storedUploads()).isZero();
        assertThat(stagingFiles()).isZero();
    }

    @Test
    void zipBombsAreStoppedByRatioAndTotalSizeCountedWhileInflating() throws IOException {
        byte[] bomb = zip("cats/big.png", new byte[3_000_000]);
        assertThat(bomb.length).isLessThan(100_000);
        Api.Res ratio = editor.upload("/api/projects/" + project + "/datasets", "bomb.zip", bomb);
        assertThat(ratio.status()).isEqualTo(400);
        assertThat(ratio.str("detail")).contains("zip-bomb");

        byte[] many = zip("a/1.png", new byte[900_000], "a/2.png", new byte[900_000], "a/3.png", new byte[900_000],
                "b/4.png", new byte[900_000], "b/5.png", new byte[900_000]);
        Api.Res total = editor.upload("/api/projects/" + project + "/datasets", "many.zip", many);
        assertThat(total.status()).isEqualTo(400);
        assertThat(total.str("detail")).contains("expands to more than");
        assertThat(storedUploads()).isZero();
        assertThat(stagingFiles()).isZero();
    }

    @Test
    void oversizedBrokenAndUnsupportedUploadsGetClear4xx() {
        Api.Res big = editor.upload("/api/projects/" + project + "/datasets", "big.csv", new byte[1_200_000]);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.str("detail")).contains("limit");

        Api.Res broken = editor.upload("/api/projects/" + project + "/datasets", "broken.zip",
                "not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.str("detail")).contains("ZIP");

        Api.Res exe = editor.upload("/api/projects/" + project + "/datasets", "run.exe", new byte[] {1});
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.str("detail")).contains(".csv");

        Api.Res noImages = editor.upload("/api/projects/" + project + "/datasets", "x.zip", new byte[0]);
        assertThat(noImages.status()).isEqualTo(400);
        assertThat(storedUploads()).isZero();
    }

    @Test
    void viewersCannotUploadAndOutsidersDoNotSeeUploads() {
        Api viewer = newUser("viewer");
        addMember(editor, workspace, viewer, "viewer");
        Api.Res r = viewer.upload("/api/projects/" + project + "/datasets", "a.csv",
                "x\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(403);

        UUID id = editor.upload("/api/projects/" + project + "/datasets", "a.csv",
                "x\n1\n".getBytes(StandardCharsets.UTF_8)).id();
        assertThat(viewer.get("/api/datasets/" + id + "/preview").status()).isEqualTo(200);
        assertThat(newUser("stranger").get("/api/datasets/" + id).status()).isEqualTo(404);
        assertThat(editor.delete("/api/datasets/" + id).status()).isEqualTo(204);
        assertThat(editor.get("/api/datasets/" + id).status()).isEqualTo(404);
    }
}
