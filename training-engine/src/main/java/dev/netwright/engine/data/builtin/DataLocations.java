package dev.netwright.engine.data.builtin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the Debian packages put built-in data. Overridable (system properties
 * {@code netwright.data.fashion-mnist} and {@code netwright.data.sklearn}) for other layouts and for tests.
 */
record DataLocations(Path fashionMnistDir, Path sklearnDataDir) {

    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The usual Debian places, or the override properties when set. */
    static DataLocations detect() {
        String fm = System.getProperty("netwright.data.fashion-mnist");
        String sk = System.getProperty("netwright.data.sklearn");
        return new DataLocations(fm != null ? Path.of(fm) : DEBIAN_FASHION_MNIST,
                sk != null ? Path.of(sk) : findSklearn());
    }

    private static Path findSklearn() {
        // python3-sklearn installs under dist-packages; the python3.X variant covers other layouts.
        List<Path> roots = List.of(Path.of("/usr/lib/python3/dist-packages"), Path.of("/usr/local/lib/python3/dist-packages"));
        for (Path root : roots) {
            Path p = root.resolve("sklearn/datasets/data");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("python3"))
                    .map(d -> d.resolve("dist-packages/sklearn/datasets/data"))
                    .filter(Files::isDirectory).findFirst()
                    .orElse(roots.get(0).resolve("sklearn/datasets/data"));
        } catch (java.io.IOException e) {
            return roots.get(0).resolve("sklearn/datasets/data");
        }
    }
}
