package dev.netwright.backend.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectStorage} in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW). Uploads go from a file on disk
 * (streamed by the SDK, never read whole); downloads are streams, or for random-access readers files in a cache under
 * the data folder named by content version. The SDK's errors become IOExceptions naming the bucket and key.
 */
final class S3ObjectStorage implements ObjectStorage, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path cache;
    private final DownloadCache downloads;
    private final long multipartThreshold;
    private final long partSize;

    S3ObjectStorage(StorageProperties.S3 settings, Path cache) throws IOException {
        this(settings, cache, b -> { });
    }

    /** {@code customise} adds to the client's set-up (tests: a fault injected into some requests). */
    S3ObjectStorage(StorageProperties.S3 settings, Path cache, java.util.function.Consumer<S3ClientBuilder> customise)
            throws IOException {
        this.bucket = settings.bucket();
        this.prefix = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        this.downloads = new DownloadCache(cache, settings.cacheSize().toBytes());
        this.cache = downloads.root();
        this.multipartThreshold = settings.multipartThreshold().toBytes();
        this.partSize = settings.partSize().toBytes();
        S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (!settings.endpoint().isEmpty()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        builder.credentialsProvider(settings.accessKey().isEmpty() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                        settings.secretKey())));
        customise.accept(builder);
        this.s3 = builder.build();
    }

    /** Fails at start, naming the setting, when the bucket cannot be reached (wrong endpoint, bucket or keys). */
    void check() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new IllegalStateException("netwright.storage.s3: bucket '" + bucket + "' cannot be reached: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StorageBackend backend() {
        return StorageBackend.S3;
    }

    private String object(String key) {
        return prefix + ObjectStorage.requireKey(key);
    }

    @Override
    public void install(String key, Path file) throws IOException {
        upload(key, file);
        Files.deleteIfExists(file);
    }

    /** One request up to the multipart threshold; above it, a multipart upload that never leaves half an object. */
    private void upload(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size < multipartThreshold) {
            call("upload", key, () -> s3.putObject(p -> p.bucket(bucket).key(object(key)),
                    RequestBody.fromFile(file)));
        } else {
            new MultipartUpload(s3, bucket, object(key), partSize).upload(file, size, new MultipartUpload.Caller() {
                @Override
                public <T> T call(String what, S3Call<T> step) throws IOException {
                    return S3ObjectStorage.this.call(what, key, step);
                }
            });
        }
    }

    @Override
    public void installTree(String prefix, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String relative = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            String key = prefix + "/" + relative;
            upload(key, f);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(call("download", key, () -> s3.getObject(g -> g.bucket(bucket).key(object(key)))));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        try {
            return OptionalLong.of(call("look up", key,
                    () -> s3.headObject(h -> h.bucket(bucket).key(object(key))).contentLength()));
        } catch (NotFound e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Optional<LocalFile> localFile(String key, String version) throws IOException {
        String name = version == null || version.isBlank() ? "current" : version.replaceAll("[^A-Za-z0-9]", "");
        Path cached = cache.resolve(ObjectStorage.requireKey(key) + "@" + name).normalize();
        if (!cached.startsWith(cache)) {
            throw new IllegalArgumentException("storage key '" + key + "' leaves the cache");
        }
        if (version != null && !version.isBlank()) {
            Optional<LocalFile> hit = downloads.use(cached);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return downloads.fetch(cached, target -> {
            try {
                call("download", key, () -> s3.getObject(g -> g.bucket(bucket).key(object(key)),
                        ResponseTransformer.toFile(target)));
                return true;
            } catch (NotFound e) {
                return false;
            }
        });
    }

    /** The download cache (tests). */
    DownloadCache downloads() {
        return downloads;
    }

    @Override
    public void delete(String key) throws IOException {
        call("delete", key, () -> s3.deleteObject(d -> d.bucket(bucket).key(object(key))));
        dropCached(key);
    }

    @Override
    public void deleteTree(String treePrefix) throws IOException {
        String p = object(treePrefix) + "/";
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (S3Object o : call("list", treePrefix,
                () -> s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(p)).contents())) {
            batch.add(ObjectIdentifier.builder().key(o.key()).build());
            if (batch.size() == 1000) {
                deleteBatch(treePrefix, batch);
            }
        }
        deleteBatch(treePrefix, batch);
        Path dir = cache.resolve(ObjectStorage.requireKey(treePrefix)).normalize();
        if (dir.startsWith(cache) && !dir.equals(cache)) {
            downloads.delete(dir);
        }
    }

    private void deleteBatch(String treePrefix, List<ObjectIdentifier> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> ids = List.copyOf(batch);
        batch.clear();
        call("delete", treePrefix, () -> s3.deleteObjects(d -> d.bucket(bucket)
                .delete(Delete.builder().objects(ids).quiet(true).build())));
    }

    private void dropCached(String key) throws IOException {
        Path parent = cache.resolve(key).normalize().getParent();
        String name = Path.of(key).getFileName() + "@";
        if (parent != null && parent.startsWith(cache) && Files.isDirectory(parent)) {
            try (Stream<Path> all = Files.list(parent)) {
                for (Path f : all.filter(f -> f.getFileName().toString().startsWith(name)).toList()) {
                    downloads.delete(f);
                }
            }
        }
    }

    /** A missing object; callers answer it as "none". */
    private static final class NotFound extends IOException {
        NotFound(String message) {
            super(message);
        }
    }

    interface S3Call<T> {
        T call();
    }

    private <T> T call(String what, String key, S3Call<T> call) throws IOException {
        try {
            return call.call();
        } catch (NoSuchKeyException e) {
            throw new NotFound(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound(key);
            }
            throw new IOException("S3 " + what + " of '" + key + "' in bucket '" + bucket + "' failed: "
                    + e.getMessage(), e);
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3 " + what + " of '" + key + "' in bucket '" + bucket + "' failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
        log.debug("S3 client closed");
    }
}
