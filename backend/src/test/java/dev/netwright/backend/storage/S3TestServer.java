package dev.netwright.backend.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for tests: S3Proxy (Maven Central) over a folder, started as a process of its own on a free
 * loopback port, speaking the S3 protocol over HTTP with signed requests, as MinIO or AWS would. The build copies its
 * jar to {@code target/s3proxy/s3proxy.jar}; {@code -Dnetwright.s3proxy.jar} names another.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "netwright-test";
    public static final String SECRET_KEY = "netwright-test-secret";
    private final Process process;
    private final int port;
    private final Path folder;

    private S3TestServer(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /** Starts the server and creates {@code buckets}; fails naming the jar when it is missing. */
    public static S3TestServer start(Path folder, String... buckets) throws IOException, InterruptedException {
        Path jar = jar();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(folder.resolve("blobs"));
        Path conf = folder.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + folder.resolve("blobs").toAbsolutePath()) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
        S3TestServer server = new S3TestServer(p, port, folder);
        try {
            server.awaitUp();
            try (S3Client s3 = server.client()) {
                for (String b : buckets) {
                    s3.createBucket(c -> c.bucket(b));
                }
            }
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    private static Path jar() {
        String named = System.getProperty("netwright.s3proxy.jar");
        Path jar = named != null ? Path.of(named) : Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the S3 test server's jar is missing at " + jar.toAbsolutePath()
                    + ": the Maven build copies it (maven-dependency-plugin, execution s3-test-server)");
        }
        return jar;
    }

    private void awaitUp() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the S3 test server stopped at start: "
                        + Files.readString(folder.resolve("s3proxy.log")));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint())).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return; // any answer (403 without a signature) means it listens
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the S3 test server did not answer within 60 s on " + endpoint());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client with the server's keys, for setting up and checking from tests. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
    }

    /** The app's settings for a bucket here ({@code netwright.storage.*}). */
    public StorageProperties.S3 settings(String bucket, String prefix) {
        return settings(bucket, prefix, null, null, null);
    }

    /** Settings with a download cache size and multipart threshold and part size (null: the default). */
    public StorageProperties.S3 settings(String bucket, String prefix, DataSize cacheSize, DataSize multipartThreshold,
                                         DataSize partSize) {
        return new StorageProperties.S3(endpoint(), null, bucket, prefix, ACCESS_KEY, SECRET_KEY, null, cacheSize,
                multipartThreshold, partSize);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
