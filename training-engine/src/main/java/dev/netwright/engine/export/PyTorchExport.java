package dev.netwright.engine.export;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Network;
import dev.netwright.engine.compile.CompiledGan;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.compile.GraphBlock;
import dev.netwright.engine.compile.OutputActivation;
import dev.netwright.engine.run.ModelBundle;
import dev.netwright.engine.run.ModelManifest;
import dev.netwright.engine.train.EngineSupport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved model as PyTorch: the generated code ({@link PyTorchCode}) and its trained weights ({@link PyTorchWeights},
 * both networks of a GAN). Every training run writes them into {@value #FOLDER}/ of its model directory.
 */
public final class PyTorchExport {
    public static final String FOLDER = "pytorch";
    public static final String CODE = "model.py";
    public static final String WEIGHTS = "weights.npz";

    private PyTorchExport() {
    }

    /** Writes the code of the model's design to {@code code} and its weights to {@code weights}. */
    public static void exportModelDirectory(Path modelDir, Path code, Path weights) {
        try {
            ModelManifest manifest = ModelBundle.readManifest(modelDir);
            Design design = new DesignJson().read(Files.readString(modelDir.resolve(ModelBundle.DESIGN)));
            DesignCompiler compiler = new DesignCompiler();
            Map<String, CompiledNetwork> networks = new LinkedHashMap<>();
            Map<String, Path> weightDirs = new LinkedHashMap<>();
            if (manifest.isGan()) {
                CompiledGan gan = compiler.compileGan(design);
                networks.put(Network.GENERATOR, gan.generator());
                networks.put(Network.DISCRIMINATOR, gan.discriminator());
                weightDirs.put(Network.GENERATOR, modelDir.resolve(ModelBundle.WEIGHTS).resolve(Network.GENERATOR));
                weightDirs.put(Network.DISCRIMINATOR,
                        modelDir.resolve(ModelBundle.WEIGHTS).resolve(Network.DISCRIMINATOR));
            } else {
                CompiledNetwork network = compiler.compile(design, manifest.outputActivation() != OutputActivation.NONE);
                networks.put(network.name(), network);
                weightDirs.put(network.name(), modelDir.resolve(ModelBundle.WEIGHTS));
            }
            List<Model> models = new ArrayList<>();
            try {
                Map<String, GraphBlock> blocks = new LinkedHashMap<>();
                for (Map.Entry<String, CompiledNetwork> e : networks.entrySet()) {
                    Model model = Model.newInstance("netwright-pytorch-export", EngineSupport.device());
                    models.add(model);
                    model.setBlock(e.getValue().block());
                    model.load(weightDirs.get(e.getKey()), "model");
                    blocks.put(e.getKey(), e.getValue().block());
                }
                String source = new PyTorchCode().generate(design);
                createParent(code);
                createParent(weights);
                try (OutputStream npz = new BufferedOutputStream(Files.newOutputStream(weights), 1 << 16)) {
                    new PyTorchWeights().npz(design, blocks, npz);
                }
                Files.writeString(code, source);
            } finally {
                models.forEach(Model::close);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export " + modelDir + " as PyTorch: " + e.getMessage(), e);
        } catch (DesignFormatException | DesignNotTrainableException e) {
            throw new IllegalArgumentException("the design stored in " + modelDir + " is not usable: "
                    + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("the weights in " + modelDir + " do not fit its design: "
                    + e.getMessage(), e);
        }
    }

    /** Writes {@value #FOLDER}/{@value #CODE} and {@value #FOLDER}/{@value #WEIGHTS} into a saved model directory. */
    public static Path writeInto(Path modelDir) {
        Path folder = modelDir.resolve(FOLDER);
        exportModelDirectory(modelDir, folder.resolve(CODE), folder.resolve(WEIGHTS));
        return folder;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
