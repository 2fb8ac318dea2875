package dev.netwright.engine.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers a loaded model's input tensors are made from, reused from one prediction to the next. On the CPU the
 * engine's input array shares such a buffer instead of copying it; a fresh direct buffer per call would be zeroed,
 * page-faulted in and released only by a garbage collection, which on a batch of 256 Fashion-MNIST samples cost more
 * than the network's forward pass. A buffer is in one call's hands at a time (concurrent calls take different ones);
 * at most {@link #MAX_POOLED_BYTES} stay pooled per model, and a buffer larger than that is never kept.
 */
final class InputBuffers {
    /** Most bytes of idle buffers one model keeps (a batch of 256 images of 3x224x224 floats is 154 MB: not kept). */
    static final long MAX_POOLED_BYTES = 16L << 20;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong idleBytes = new AtomicLong();

    /** A buffer of at least {@code bytes} bytes, position 0 and limit {@code bytes}, native byte order. */
    ByteBuffer take(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(bytes + " bytes of input do not fit in one buffer; send fewer samples");
        }
        ByteBuffer found = idle.poll();
        if (found != null) {
            idleBytes.addAndGet(-found.capacity());
            if (found.capacity() < bytes) {
                found = null; // too small for this call: the collector frees it
            }
        }
        if (found == null) {
            found = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        }
        found.clear().limit((int) bytes);
        return found;
    }

    /** Hands {@code buffer} back once no engine array uses it any more. */
    void give(ByteBuffer buffer) {
        if (idleBytes.addAndGet(buffer.capacity()) <= MAX_POOLED_BYTES) {
            idle.add(buffer);
        } else {
            idleBytes.addAndGet(-buffer.capacity());
        }
    }

    /** Bytes held by idle buffers (for tests). */
    long idleBytes() {
        return idleBytes.get();
    }
}
