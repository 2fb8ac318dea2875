package dev.netwright.backend.storage;

/** Where {@link ObjectStorage} keeps its content ({@code netwright.storage.backend}). */
public enum StorageBackend {
    /** the data folder ({@code netwright.data-dir}): one machine, or a shared file system */
    LOCAL,
    /** an S3-compatible object store (AWS S3, MinIO, Ceph RGW): several app instances and hosts */
    S3
}
