package com.tanfang.attachment;

import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Photos in an S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS, Ceph ...), selected by
 * {@code tanfang.blobs.store=s3}. The object key is the content's SHA-256 (under an optional prefix), so an
 * object is written once whatever the number of uploads, and the row in table {@code blob} (type, size,
 * {@code stored_in = 's3'}, no content) stays in PostgreSQL, in the caller's transaction.
 *
 * <p>Order: the object is PUT first, the row is inserted after, and the row commits with the photo row. A photo is
 * therefore never half stored: either the row commits (and the object is there), or it does not and the photo
 * does not exist for the application. A transaction that fails after the PUT leaves an object nobody references;
 * its key is its content's hash, so it is harmless (it cannot be mistaken for other content) and the next upload of
 * the same bytes simply writes the same object again. The PUT carries {@code Content-MD5} so the bucket refuses
 * bytes damaged on the way (every S3-compatible server checks it; {@code x-amz-checksum-sha256} would be nicer but
 * s3proxy and older MinIO/OSS answer 501 to it), and every read is hashed again (SHA-256) before it is served. A
 * bucket that cannot be reached during an upload is a 503: the phone keeps the photo and sends it again.
 *
 * <p>Credentials come from the environment or a secret file, never from the database: see
 * server/docs/configuration.md ("Photo storage"). Without any configured, the SDK's default chain is used
 * (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an instance role).
 */
@Context
@Requires(property = "tanfang.blobs.store", value = "s3")
public class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private final JdbcOperations jdbc;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3BlobStore(JdbcOperations jdbc,
                       @Nullable @Value("${tanfang.blobs.s3.endpoint:}") String endpoint,
                       @Value("${tanfang.blobs.s3.region:us-east-1}") String region,
                       @Nullable @Value("${tanfang.blobs.s3.bucket:}") String bucket,
                       @Value("${tanfang.blobs.s3.path-style:false}") boolean pathStyle,
                       @Nullable @Value("${tanfang.blobs.s3.prefix:}") String prefix,
                       @Nullable @Value("${tanfang.blobs.s3.access-key-id:}") String accessKeyId,
                       @Nullable @Value("${tanfang.blobs.s3.secret-access-key:}") String secretAccessKey,
                       @Nullable @Value("${tanfang.blobs.s3.secret-access-key-file:}") String secretFile) {
        this.jdbc = jdbc;
        if (bucket == null || bucket.isBlank()) {
            throw new StartupProblem("TANFANG_BLOBS_STORE=s3 needs TANFANG_BLOBS_S3_BUCKET (the bucket that holds"
                    + " the photos).", null);
        }
        this.bucket = bucket.trim();
        this.prefix = prefix == null ? "" : prefix.trim();
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(region.trim()))
                .forcePathStyle(pathStyle)
                // Our own SHA-256 checksum on every PUT (below); no extra CRC trailer, which older
                // S3-compatible servers do not understand.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(accessKeyId, secretAccessKey, secretFile));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint.trim()));
        }
        this.s3 = b.build();
        try {
            s3.headBucket(r -> r.bucket(this.bucket));
        } catch (SdkException e) {
            s3.close();
            throw new StartupProblem("The photo bucket " + this.bucket + " cannot be reached at "
                    + (endpoint == null || endpoint.isBlank() ? "the AWS default endpoint" : endpoint.trim())
                    + " (" + e.getMessage() + "): check TANFANG_BLOBS_S3_ENDPOINT, _BUCKET, _REGION and the"
                    + " credentials, or set TANFANG_BLOBS_STORE=postgres.", e);
        }
    }

    private static AwsCredentialsProvider credentials(String keyId, String secret, String secretFile) {
        String s = secret;
        if ((s == null || s.isBlank()) && secretFile != null && !secretFile.isBlank()) {
            try {
                s = Files.readString(Path.of(secretFile.trim()), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new StartupProblem("TANFANG_BLOBS_S3_SECRET_ACCESS_KEY_FILE " + secretFile + " cannot be read ("
                        + e.getMessage() + ").", e);
            }
        }
        if (keyId == null || keyId.isBlank()) {
            if (s != null && !s.isBlank()) {
                throw new StartupProblem("A secret access key is set but TANFANG_BLOBS_S3_ACCESS_KEY_ID is not.", null);
            }
            return DefaultCredentialsProvider.builder().build();
        }
        if (s == null || s.isBlank()) {
            throw new StartupProblem("TANFANG_BLOBS_S3_ACCESS_KEY_ID is set but neither"
                    + " TANFANG_BLOBS_S3_SECRET_ACCESS_KEY nor TANFANG_BLOBS_S3_SECRET_ACCESS_KEY_FILE is.", null);
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.trim(), s));
    }

    /** The object key of a content: {@code <prefix>ab/abcdef...} (two hex digits spread listings). */
    String key(String sha256) {
        return prefix + sha256.substring(0, 2) + "/" + sha256;
    }

    @Override
    @Transactional
    public StoredBlob put(String sha256, String mediaType, byte[] content) {
        if (!exists(sha256)) {
            try {
                s3.putObject(r -> r.bucket(bucket).key(key(sha256)).contentType(mediaType)
                        .contentLength((long) content.length).contentMD5(md5(content)), RequestBody.fromBytes(content));
            } catch (SdkException e) {
                LOG.warn("PUT of {} to bucket {} failed: {}", key(sha256), bucket, e.getMessage());
                // the phone keeps the photo in its outbox and sends it again later
                throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The photo store cannot be reached");
            }
            jdbc.execute(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into blob (sha256, media_type, size_bytes,"
                        + " stored_in, content) values (?, ?, ?, 's3', null) on conflict (sha256) do nothing")) {
                    ps.setString(1, sha256);
                    ps.setString(2, mediaType);
                    ps.setInt(3, content.length);
                    return ps.executeUpdate();
                }
            });
        }
        return new StoredBlob(sha256, mediaType, content.length);
    }

    /**
     * The bytes: from the bucket, or from the row for blobs stored before the switch to S3 (so switching from
     * postgres to s3 needs no migration of existing photos). Bytes whose hash is not their key are never served.
     */
    @Override
    @Transactional
    public Optional<byte[]> content(String sha256) {
        Optional<Optional<byte[]>> row = jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select content from blob where sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Optional.ofNullable(rs.getBytes(1))) : Optional.<Optional<byte[]>>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().isPresent()) {
            return row.get();
        }
        byte[] bytes;
        try {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(sha256)));
            bytes = got.asByteArray();
        } catch (NoSuchKeyException e) {
            throw new IllegalStateException("Blob " + sha256 + " has its row but no object " + key(sha256)
                    + " in bucket " + bucket, e);
        }
        if (!Blobs.sha256(bytes).equals(sha256)) {
            throw new IllegalStateException("Object " + key(sha256) + " in bucket " + bucket
                    + " does not hash to its key: not served");
        }
        return Optional.of(bytes);
    }

    @Override
    @Transactional
    public boolean exists(String sha256) {
        return BlobRows.exists(jdbc, sha256);
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
