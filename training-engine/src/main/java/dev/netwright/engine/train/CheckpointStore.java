package dev.netwright.engine.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes and reads the checkpoints of one run: {@code <dir>/best} and {@code <dir>/last}, each with the DJL
 * parameter file ({@code model-NNNN.params}, NNNN = epoch), {@code state.properties} and, for last, the optimizer
 * state ({@code optimizer.ndlist}). Each checkpoint is written to a temporary folder and then swapped in, so a
 * crash mid-write leaves the previous checkpoint readable.
 */
final class CheckpointStore {
    /** Name prefix of the parameter files. */
    static final String MODEL_NAME = "model";
    private static final String STATE = "state.properties";
    private static final String OPTIMIZER = "optimizer.ndlist";

    /** Which of the two checkpoints. */
    public enum Slot { BEST, LAST }

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root;
    }

    public Path path(Slot slot) {
        return root.resolve(slot.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Writes a checkpoint; optimizer state may be null (the best checkpoint does not need it). */
    public void save(Slot slot, Model model, RunState state, NDList optimizerState) {
        Path target = path(slot);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            model.setProperty("Epoch", Integer.toString(state.epochsCompleted()));
            model.save(tmp, MODEL_NAME);
            try (OutputStream out = Files.newOutputStream(tmp.resolve(STATE))) {
                state.toProperties().store(out, "Netwright run state");
            }
            if (optimizerState != null) {
                Files.write(tmp.resolve(OPTIMIZER), optimizerState.encode());
            }
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target, e);
        }
    }

    /** State of a checkpoint, if it exists. */
    public Optional<RunState> readState(Slot slot) {
        Path file = readable(slot).resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(RunState.fromProperties(p));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Loads a checkpoint's parameters into the model's block. */
    public void loadParameters(Slot slot, Model model) {
        try {
            model.load(readable(slot), MODEL_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + readable(slot), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("checkpoint " + readable(slot) + " does not fit this network: "
                    + e.getMessage(), e);
        }
    }

    /** Optimizer state of a checkpoint, if stored. */
    public Optional<NDList> readOptimizerState(Slot slot, NDManager manager) {
        Path file = readable(slot).resolve(OPTIMIZER);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NDList.decode(manager, Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The slot's folder, or its temporary twin when a crash hit between delete and rename. */
    private Path readable(Slot slot) {
        Path target = path(slot);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        return !Files.exists(target) && Files.isRegularFile(tmp.resolve(STATE)) ? tmp : target;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
