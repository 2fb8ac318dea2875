package dev.netwright.engine.onnximport;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.compile.OutputActivation;
import dev.netwright.engine.export.OnnxExporter;
import dev.netwright.engine.export.PyTorchExport;
import dev.netwright.engine.run.ModelBundle;
import dev.netwright.engine.run.ModelManifest;
import dev.netwright.engine.train.EngineSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports an ONNX file as a saved model directory (the layout training writes: {@code design.json},
 * {@code model.json}, {@code weights/}, plus {@code model.onnx} and {@code pytorch/} exported back from it), so
 * {@code summary}, {@code predict}, {@code evaluate}, {@code export} and {@code train --warm-start} accept it. The
 * directory is written under a temporary name and renamed when complete: a failed import leaves nothing behind.
 */
public final class OnnxImport {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What an import produced. */
    public record Result(Path directory, Design design, Totals totals) {
    }

    private OnnxImport() {
    }

    /** The design of an ONNX file without its weights (for checking a file before storing anything). */
    public static Design design(byte[] onnx, String name) {
        return new OnnxImporter().read(onnx, name).design();
    }

    /**
     * Imports {@code onnx} into the new directory {@code out}.
     *
     * @throws OnnxImportException for a file that cannot be imported (every unsupported operator listed)
     */
    public static Result toModelDirectory(byte[] onnx, String name, Path out) {
        return toModelDirectory(importer -> importer.read(onnx, name), name, out);
    }

    /**
     * Imports the ONNX file {@code onnx} into the new directory {@code out}. The file is mapped, not read: its
     * weights go from the page cache into the network without a copy on the Java heap.
     *
     * @throws OnnxImportException for a file that cannot be imported (every unsupported operator listed)
     */
    public static Result toModelDirectory(Path onnx, String name, Path out) throws IOException {
        try (FileChannel channel = FileChannel.open(onnx, StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return toModelDirectory(importer -> importer.read(mapped, name), name, out);
        }
    }

    private static Result toModelDirectory(Function<OnnxImporter, OnnxImporter.Imported> read, String name,
                                           Path out) {
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IllegalArgumentException(out + " already exists and is not empty");
        }
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            OnnxImporter.Imported imported = read.apply(new OnnxImporter());
            Files.createDirectories(parent);
            // a hidden sibling with the default permissions (a temporary directory would be private to its owner)
            tmp = Files.createDirectory(parent.resolve("." + out.getFileName() + ".import-"
                    + java.util.UUID.randomUUID()));
            Design design = imported.design();
            saveWeights(imported, tmp, name);
            imported = null; // the weights are saved: let them go before the exports below load the model again
            Files.writeString(tmp.resolve(ModelBundle.DESIGN), new DesignJson().write(design));
            Files.writeString(tmp.resolve("README.md"), "# " + design.name() + "\n\n" + design.description()
                    + ".\n\nImported by `netwright import`: `design.json` is the network as a Netwright design,"
                    + " `weights/` its weights from the ONNX file. Outputs are what the network computes (logits"
                    + " for most classifiers); inputs are not normalised by Netwright.\n");
            // the way back out; a model that cannot be exported is still a usable import
            try {
                OnnxExporter.writeInto(tmp);
                PyTorchExport.writeInto(tmp);
            } catch (RuntimeException e) {
                System.getLogger(OnnxImport.class.getName()).log(System.Logger.Level.WARNING,
                        "imported model not exported back: {0}", e.getMessage());
            }
            if (Files.exists(out)) {
                Files.delete(out); // empty, checked above
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return new Result(out, design, new DesignAnalyzer().analyze(design).totals());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported model to " + out + ": " + e.getMessage(), e);
        } catch (DesignNotTrainableException e) {
            throw new OnnxImportException("the imported design does not compile: " + e.getMessage());
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Compiles the design, puts the imported weights into it and saves them with the manifest. */
    private static void saveWeights(OnnxImporter.Imported imported, Path dir, String name)
            throws IOException, DesignNotTrainableException {
        CompiledNetwork network = new DesignCompiler().compile(imported.design(), false);
        try (Model model = Model.newInstance("netwright-import", EngineSupport.device())) {
            model.setBlock(network.block());
            long[] sample = network.block().inputShape();
            long[] batch = new long[sample.length + 1];
            batch[0] = 1;
            System.arraycopy(sample, 0, batch, 1, sample.length);
            // zeros, not random values: every parameter is overwritten next, and drawing 100 million is slow
            network.block().setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            network.block().initialize(model.getNDManager(), DataType.FLOAT32, new ai.djl.ndarray.types.Shape(batch));
            ImportedWeights.load(network.block(), imported.weights());
            requireHeapToSave(imported.weights());
            model.save(dir.resolve(ModelBundle.WEIGHTS), "model");
        }
        Files.writeString(dir.resolve(ModelBundle.MANIFEST), JSON.writeValueAsString(manifest(network, name)));
    }

    /**
     * DJL's save copies each array into Java byte arrays, about three times its size at once (VGG's 400 MB classifier
     * weight needs some 1.3 GB), and a heap too small for that crashes the JVM in native code instead of throwing:
     * such a model is refused with the heap it needs.
     */
    private static void requireHeapToSave(Map<String, Map<String, OnnxTensor>> weights) {
        long largest = weights.values().stream().flatMap(m -> m.values().stream())
                .mapToLong(t -> 4L * t.size()).max().orElse(0);
        long needed = 3 * largest;
        if (needed < 64L << 20) {
            return;
        }
        Runtime rt = Runtime.getRuntime();
        if (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) < needed) {
            System.gc(); // garbage counts as used until collected; this is rare and about to allocate a lot
        }
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free < needed) {
            throw new OnnxImportException(String.format("saving this model's largest weight (%,d MB) needs about"
                    + " %,d MB of free Java heap, but only %,d MB are free (maximum heap %,d MB): run with a larger"
                    + " -Xmx", largest >> 20, needed >> 20, free >> 20, rt.maxMemory() >> 20));
        }
    }

    private static ModelManifest manifest(CompiledNetwork network, String name) {
        long[] in = longs(network.inputShape().dims());
        long[] out = longs(network.outputShape().dims());
        boolean classes = out.length == 1 && out[0] > 1;
        List<String> classNames = new ArrayList<>();
        if (classes) {
            for (int i = 0; i < out[0]; i++) {
                classNames.add(Integer.toString(i));
            }
        }
        return new ModelManifest(ModelManifest.FORMAT, "supervised", in, out, classes ? "CLASSIFICATION" : "REGRESSION",
                classNames, OutputActivation.NONE, null, "onnx:" + name, EngineSupport.device().toString(), 0, 0, null, null, null);
    }

    private static long[] longs(int[] d) {
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }

    private static boolean isEmptyDirectory(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary folder is hidden and harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
