package dev.netwright.engine.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes NumPy's {@code .npz} format: a zip of {@code .npy} arrays (format 1.0, little-endian float32). */
final class Npz {
    private Npz() {
    }

    static void write(Map<String, Tensor> arrays, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        // stored, not compressed: random-looking floats hardly shrink, and deflating a VGG's 500 MB takes long
        zip.setLevel(Deflater.NO_COMPRESSION);
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            npy(e.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    static byte[] write(Map<String, Tensor> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(arrays, out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return out.toByteArray();
    }

    /**
     * One array: magic, version, header length, a Python dict literal padded to 64 bytes, then the values, written in
     * pieces so that a large array is not copied whole into bytes first.
     */
    private static void npy(Tensor t, OutputStream out) throws IOException {
        String dims = Arrays.stream(t.dims()).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String shape = t.dims().length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        int prefix = 10;
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        for (float v : t.values()) {
            if (b.remaining() < 4) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putFloat(v);
        }
        out.write(b.array(), 0, b.position());
    }
}
