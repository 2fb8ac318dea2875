package dev.netwright.engine.train.parallel;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devices a run trains on: the first holds the parameters and the optimizer, the others hold replicas that
 * each take a shard of every batch. One device means plain training.
 *
 * @param devices at least one; the same device may appear more than once (replicas on one CPU, used by tests)
 */
public record DevicePlan(List<Device> devices) {
    private static final Pattern NAME = Pattern.compile("(cpu|gpu)(\\d*)");

    public DevicePlan {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a device plan needs at least one device");
        }
    }

    /** The device that holds the parameters. */
    public Device primary() {
        return devices.get(0);
    }

    public int replicas() {
        return devices.size();
    }

    /** Checks the syntax of configured device names ({@code cpu}, {@code gpu}, {@code gpuN}) without an engine. */
    public static void checkNames(List<String> names) {
        for (String name : names) {
            if (name == null || !NAME.matcher(name.strip().toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("device '" + name + "' is not cpu, gpu or gpuN (e.g. gpu0, gpu1)");
            }
        }
    }

    /** The names {@code gpu0..gpu(n-1)}: what {@code --gpus N} means. */
    public static List<String> gpus(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("GPU count must be 1 or more, got " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("gpu" + i);
        }
        return names;
    }

    /**
     * Resolves configured names against the engine; no names means automatic (the engine's default device: a GPU
     * when it sees one, else the CPU). A GPU the engine does not see fails with the list of devices it does see.
     */
    public static DevicePlan resolve(List<String> names, Engine engine) {
        if (names.isEmpty()) {
            return new DevicePlan(List.of(engine.defaultDevice()));
        }
        checkNames(names);
        int gpuCount = engine.getGpuCount();
        List<Device> devices = new ArrayList<>(names.size());
        for (String raw : names) {
            Matcher m = NAME.matcher(raw.strip().toLowerCase(Locale.ROOT));
            m.matches();
            if (m.group(1).equals("cpu")) {
                devices.add(Device.cpu());
                continue;
            }
            int id = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
            if (id >= gpuCount) {
                throw new IllegalArgumentException("device '" + raw + "' is not available: the " + engine.getEngineName()
                        + " engine sees " + visible(gpuCount));
            }
            devices.add(Device.gpu(id));
        }
        return new DevicePlan(devices);
    }

    private static String visible(int gpuCount) {
        StringBuilder out = new StringBuilder("cpu");
        for (int i = 0; i < gpuCount; i++) {
            out.append(", gpu").append(i);
        }
        return out.append(gpuCount == 0 ? " only (no GPU)" : "").toString();
    }

    @Override
    public String toString() {
        return devices.size() == 1 ? devices.get(0).toString() : devices.toString();
    }
}
