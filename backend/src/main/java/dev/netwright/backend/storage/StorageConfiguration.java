package dev.netwright.backend.storage;

import dev.netwright.backend.NetwrightProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    /** The data folder, or with {@code netwright.storage.backend=s3} the bucket (checked at start). */
    @Bean
    ObjectStorage objectStorage(StorageProperties storage, NetwrightProperties netwright) throws java.io.IOException {
        if (storage.backend() == StorageBackend.S3) {
            if (storage.s3().bucket().isEmpty()) {
                throw new IllegalStateException("netwright.storage.backend=s3 needs netwright.storage.s3.bucket "
                        + "(NETWRIGHT_STORAGE_S3_BUCKET)");
            }
            S3ObjectStorage s3 = new S3ObjectStorage(storage.s3(), netwright.dataDir().resolve("cache").resolve("s3"));
            s3.check();
            return s3;
        }
        return new LocalObjectStorage(netwright.dataDir());
    }
}
