package dev.netwright.backend.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code netwright.storage}.
 *
 * @param defaultWorkspaceQuota storage a workspace may use (uploaded datasets and trained models) unless an
 *                              administrator set its own quota
 * @param backend               where datasets, checkpoints and trained models live: {@code local} (the data
 *                              folder, the default) or {@code s3} (for several app instances)
 * @param s3                    the bucket, with {@code backend=s3}
 */
@ConfigurationProperties("netwright.storage")
public record StorageProperties(DataSize defaultWorkspaceQuota, StorageBackend backend, S3 s3) {
    public StorageProperties {
        defaultWorkspaceQuota = defaultWorkspaceQuota == null ? DataSize.ofGigabytes(50) : defaultWorkspaceQuota;
        backend = backend == null ? StorageBackend.LOCAL : backend;
        s3 = s3 == null ? new S3(null, null, null, null, null, null, null, null, null, null) : s3;
    }

    /**
     * An S3-compatible bucket.
     *
     * @param endpoint  the server's URL for MinIO, Ceph or another S3-compatible store; empty for AWS itself
     * @param region    the bucket's region ({@code us-east-1} by default; MinIO and Ceph accept any)
     * @param bucket    the bucket, which must exist (required with {@code backend=s3})
     * @param prefix    a folder inside the bucket to keep everything under (none by default)
     * @param accessKey access key; empty for the SDK's default chain (AWS_* variables, web identity, instance role)
     * @param secretKey its secret
     * @param pathStyle address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint} (default:
     *                  on with an endpoint, as MinIO and Ceph need; off for AWS)
     * @param cacheSize the most disk the downloads kept in {@code <data folder>/cache/s3} may take (files that need
     *                  random access: models, uploaded datasets); past it the least recently used files not in use
     *                  go (default 10GB)
     * @param multipartThreshold files of this size or larger go up as a multipart upload, in parts, rather than in
     *                  one request (which S3 caps at 5 GB); default 64MB
     * @param partSize  the size of each part of a multipart upload (default 16MB; at least 5MB, S3's smallest part);
     *                  a file of more than 10,000 parts (S3's most) gets larger parts
     */
    public record S3(String endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                     Boolean pathStyle, DataSize cacheSize, DataSize multipartThreshold, DataSize partSize) {
        /** S3's smallest part of a multipart upload (the last excepted). */
        public static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

        public S3 {
            endpoint = endpoint == null ? "" : endpoint.strip();
            region = region == null || region.isBlank() ? "us-east-1" : region.strip();
            bucket = bucket == null ? "" : bucket.strip();
            prefix = prefix == null ? "" : prefix.strip().replaceAll("^/+|/+$", "");
            accessKey = accessKey == null ? "" : accessKey.strip();
            secretKey = secretKey == null ? "" : secretKey;
            pathStyle = pathStyle == null ? !endpoint.isEmpty() : pathStyle;
            cacheSize = cacheSize == null ? DataSize.ofGigabytes(10) : cacheSize;
            multipartThreshold = multipartThreshold == null ? DataSize.ofMegabytes(64) : multipartThreshold;
            partSize = partSize == null ? DataSize.ofMegabytes(16) : partSize;
            if (partSize.compareTo(MIN_PART_SIZE) < 0) {
                throw new IllegalArgumentException("netwright.storage.s3.part-size must be at least 5MB (S3's "
                        + "smallest part), not " + partSize);
            }
            if (cacheSize.isNegative()) {
                throw new IllegalArgumentException("netwright.storage.s3.cache-size must not be negative");
            }
        }
    }
}
