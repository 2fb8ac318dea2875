package dev.netwright.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.compile.SavedScalar;
import dev.netwright.engine.train.parallel.DevicePlan;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The forward pass of one training step, split over the devices of a {@link DevicePlan}.
 *
 * <p>The batch is cut into contiguous shards, one per device (sizes differ by at most one; a batch smaller than the
 * device count uses fewer devices). Replica 0 computes with the parameters themselves. Every other replica computes
 * with copies taken from them at the start of the step <em>through autograd</em> (a device transfer, or an
 * identity op when the device is the same), so the one backward pass over the combined loss sums each replica's
 * gradient into the parameters' own gradient: the optimizer then updates one set of parameters once, and the next
 * step's copies are equal to them again by construction.
 *
 * <p>Each shard's mean loss is weighted by its share of the batch before the shards are added, so the combined
 * loss and its gradient are those of the whole batch. Non-trainable state a layer updates while training (batch
 * norm running statistics) is kept from replica 0 only; replicas' copies of it are dropped after the step.
 *
 * <p>Must run inside an open gradient collector; arrays it creates belong to the input's manager.
 */
final class DataParallel {
    private final Block block;
    private final DevicePlan plan;

    /**
     * What a pass produced, on the primary device.
     *
     * @param prediction the network's output for the whole batch, shards in order
     * @param loss       mean loss over the whole batch (recorded by autograd)
     */
    public record Pass(NDArray prediction, NDArray loss) {
    }

    public DataParallel(Block block, DevicePlan plan) {
        this.block = Objects.requireNonNull(block, "block");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    DevicePlan plan() {
        return plan;
    }

    /** Forward over the shards of {@code x} / {@code y} (both on the primary device) and the combined loss. */
    public Pass forward(NDArray x, NDArray y, Loss loss) {
        long n = x.getShape().get(0);
        int used = (int) Math.min(n, plan.replicas());
        NDManager manager = x.getManager();
        if (used == 1) {
            NDList out = block.forward(new ReplicaStore(manager, null), new NDList(x), true);
            return new Pass(out.singletonOrThrow(), loss.evaluate(new NDList(y), out));
        }
        Device primary = plan.primary();
        NDList predictions = new NDList(used);
        NDArray total = null;
        long start = 0;
        for (int r = 0; r < used; r++) {
            long size = n / used + (r < n % used ? 1 : 0);
            Device device = plan.devices().get(r);
            NDIndex rows = new NDIndex("{}:{}", start, start + size);
            NDArray xs = x.get(rows).toDevice(device, false);
            NDArray ys = y.get(rows).toDevice(device, false);
            ParameterStore store = new ReplicaStore(manager, r == 0 ? null : device);
            NDList out = block.forward(store, new NDList(xs), true);
            NDArray shardLoss = loss.evaluate(new NDList(ys), out)
                    .mul(SavedScalar.of(out.head(), (double) size / n));
            NDArray onPrimary = shardLoss.toDevice(primary, false);
            total = total == null ? onPrimary : total.add(onPrimary);
            predictions.add(out.singletonOrThrow().toDevice(primary, false));
            start += size;
        }
        return new Pass(NDArrays.concat(predictions, 0), total);
    }

    /**
     * Parameter values of one replica. Replica 0 ({@code device == null}) answers with the parameters' own arrays;
     * the others with copies made on first use in this step.
     */
    private static final class ReplicaStore extends ParameterStore {
        private final Device device;
        private final NDManager manager;
        private final Map<String, NDArray> copies = new HashMap<>();

        ReplicaStore(NDManager manager, Device device) {
            super(manager, false);
            this.manager = manager;
            this.device = device;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device requested, boolean training) {
            if (parameter == null) {
                return null;
            }
            if (device == null) {
                return parameter.getArray();
            }
            return copies.computeIfAbsent(parameter.getId(), id -> copyOf(parameter));
        }

        private NDArray copyOf(Parameter parameter) {
            NDArray source = parameter.getArray();
            NDArray copy;
            if (!parameter.requiresGradient()) {
                // state such as running statistics: a plain copy, whatever the replica writes into it is dropped
                copy = source.getDevice().equals(device) ? source.duplicate() : source.toDevice(device, false);
            } else if (source.getDevice().equals(device)) {
                // same device (replicas on one CPU): an identity op gives a new array whose gradient flows back
                // (the 1 is an array of this step's manager, alive until after backward: see SavedScalar)
                copy = source.mul(manager.create(1f));
            } else {
                // a device transfer is recorded by autograd: backward brings this replica's gradient home
                copy = source.toDevice(device, false);
            }
            copy.attach(manager);
            return copy;
        }
    }
}
