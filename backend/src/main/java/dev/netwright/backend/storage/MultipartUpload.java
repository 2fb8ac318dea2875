package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One file into one object as an S3 multipart upload: parts read from the file one after the other, each streamed
 * from its place on disk (memory stays at the SDK's small buffers, whatever the file's size), and on any failure the
 * upload is aborted, so that the bucket keeps no half-written object and no parts to pay for.
 */
final class MultipartUpload {
    private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);
    /** S3's most parts in one upload. */
    static final int MAX_PARTS = 10_000;

    /** Runs one S3 request, turning the SDK's errors into IOExceptions. */
    interface Caller {
        <T> T call(String what, S3ObjectStorage.S3Call<T> step) throws IOException;
    }

    private final S3Client s3;
    private final String bucket;
    private final String object;
    private final long partSize;

    MultipartUpload(S3Client s3, String bucket, String object, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.object = object;
        this.partSize = partSize;
    }

    /** The part size for a file of {@code size} bytes: the configured one, or larger to stay within 10,000 parts. */
    static long partSize(long size, long configured) {
        return Math.max(configured, (size + MAX_PARTS - 1) / MAX_PARTS);
    }

    void upload(Path file, long size, Caller caller) throws IOException {
        long part = partSize(size, partSize);
        String uploadId = caller.call("start a multipart upload",
                () -> s3.createMultipartUpload(c -> c.bucket(bucket).key(object)).uploadId());
        try {
            List<CompletedPart> done = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long length = Math.min(part, size - offset);
                int n = number;
                long from = offset;
                UploadPartResponse r = caller.call("upload part " + n, () -> s3.uploadPart(
                        u -> u.bucket(bucket).key(object).uploadId(uploadId).partNumber(n).contentLength(length),
                        RequestBody.fromContentProvider(() -> slice(file, from, length), length,
                                "application/octet-stream")));
                done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32())
                        .checksumCRC32C(r.checksumCRC32C()).checksumCRC64NVME(r.checksumCRC64NVME())
                        .checksumSHA1(r.checksumSHA1()).checksumSHA256(r.checksumSHA256()).build());
            }
            caller.call("complete the multipart upload", () -> s3.completeMultipartUpload(c -> c.bucket(bucket)
                    .key(object).uploadId(uploadId).multipartUpload(m -> m.parts(done))));
        } catch (IOException | RuntimeException | Error e) {
            abort(uploadId, caller, e);
            throw e;
        }
    }

    private void abort(String uploadId, Caller caller, Throwable cause) {
        try {
            caller.call("abort the multipart upload", () -> s3.abortMultipartUpload(
                    a -> a.bucket(bucket).key(object).uploadId(uploadId)));
        } catch (IOException | RuntimeException e) {
            // the bucket's lifecycle rule for incomplete multipart uploads removes what is left (docs/kubernetes.md)
            log.warn("Could not abort multipart upload {} of {} after {}: {}", uploadId, object, cause.getMessage(),
                    e.getMessage());
            cause.addSuppressed(e);
        }
    }

    /** {@code length} bytes of {@code file} from {@code offset}, opened anew for each try of the request. */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            InputStream all = Channels.newInputStream(channel);
            return new InputStream() {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = all.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = all.read(buf, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    all.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
