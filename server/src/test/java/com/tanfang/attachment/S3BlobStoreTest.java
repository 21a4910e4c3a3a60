package com.tanfang.attachment;

import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The photo path with {@code tanfang.blobs.store=s3} against a real S3-compatible server: s3proxy in-process on
 * jclouds' transient (in-memory) backend, with AWS signature checking on, so the SDK client, its signing, the
 * path-style addressing and the SHA-256 checksum header all meet a server that checks them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BlobStoreTest implements TestPropertyProvider {
    static final String BUCKET = "tanfang-photos";
    static final String KEY_ID = "test-key-id";
    static final String SECRET = "test-secret-access-key";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    BlobStore store;
    @Inject
    TransactionOperations<Connection> transactions;

    BlobStoreContext jclouds;
    S3Proxy proxy;
    TestApi api;
    VisitFixture v;

    @Override
    public Map<String, String> getProperties() {
        // The demo data (which DemoVisitsTest reads back later in the same JVM) must be stored by the default
        // store, whichever test class starts the shared embedded database first: load it with a plain context.
        try (ApplicationContext plain = ApplicationContext.run(Environment.TEST)) {
            plain.getBean(javax.sql.DataSource.class);
        }
        jclouds = ContextBuilder.newBuilder("transient").credentials(KEY_ID, SECRET).build(BlobStoreContext.class);
        jclouds.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(jclouds.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
                .endpoint(java.net.URI.create("http://127.0.0.1:0")).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return Map.of("tanfang.blobs.store", "s3",
                "tanfang.blobs.s3.endpoint", "http://127.0.0.1:" + proxy.getPort(),
                "tanfang.blobs.s3.region", "us-east-1",
                "tanfang.blobs.s3.bucket", BUCKET,
                "tanfang.blobs.s3.path-style", "true",
                "tanfang.blobs.s3.prefix", "photos/",
                "tanfang.blobs.s3.access-key-id", KEY_ID,
                "tanfang.blobs.s3.secret-access-key", SECRET);
    }

    @AfterAll
    void stopProxy() throws Exception {
        proxy.stop();
        jclouds.close();
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        v = new VisitFixture(api, server.getURL().toString(), json);
    }

    private Object one(String sql, Object... args) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    private static String key(String sha) {
        return "photos/" + sha.substring(0, 2) + "/" + sha;
    }

    private byte[] object(String sha) throws Exception {
        org.jclouds.blobstore.domain.Blob b = jclouds.getBlobStore().getBlob(BUCKET, key(sha));
        if (b == null) {
            return null;
        }
        try (var in = b.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void photosGoToTheBucketAndAreServedHashCheckedOnceEach() throws Exception {
        assertTrue(store instanceof S3BlobStore, store.getClass().getName());
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        byte[] photo = PhotoBytes.image("jpg", 1600, 1200, 7);
        String sha = VisitFixture.sha256(photo);

        // a truncated upload: refused, nothing in the bucket, no row
        byte[] truncated = Arrays.copyOf(photo, photo.length - 100);
        TestApi.Res mismatch = v.photo(visitId, v.shopper, UUID.randomUUID(), truncated, sha, version, null, "image/jpeg");
        assertEquals(400, mismatch.status(), mismatch.raw());
        assertEquals(List.of("sha256"), mismatch.problemFields());
        assertNull(object(VisitFixture.sha256(truncated)));
        assertNull(object(sha));
        assertNull(one("select sha256 from blob where sha256 = ?", sha));

        UUID clientId = UUID.randomUUID();
        long started = System.nanoTime();
        TestApi.Res ok = v.photo(visitId, v.shopper, clientId, photo, sha, version, "P9", "image/jpeg");
        System.out.printf("S3 store: upload of %d bytes took %d ms%n", photo.length, (System.nanoTime() - started) / 1_000_000);
        assertEquals(200, ok.status(), ok.raw());
        assertArrayEquals(photo, object(sha), "the object is the photo, under its hash");
        assertEquals("s3", one("select stored_in from blob where sha256 = ?", sha));
        assertNull(one("select content from blob where sha256 = ?", sha), "the bytes are not in PostgreSQL");
        assertEquals("image/jpeg", jclouds.getBlobStore().blobMetadata(BUCKET, key(sha)).getContentMetadata().getContentType());

        // the same client id again: the stored photo, no second row; the same bytes in another visit: one object
        TestApi.Res again = v.photo(visitId, v.shopper, clientId, photo, sha, version, "P9", "image/jpeg");
        assertEquals(200, again.status(), again.raw());
        assertEquals(1L, one("select count(*) from visit_photo where client_id = ?::uuid", clientId.toString()));
        long other = v.visitInProgress(v.shopper, v.shopperId);
        TestApi.Res dup = v.photo(other, v.shopper, UUID.randomUUID(), photo, sha, v.version(other, v.shopper), null, "image/jpeg");
        assertEquals(200, dup.status(), dup.raw());
        assertEquals(List.of(visitId), ((List<?>) ((Map<String, Object>) dup.map().get("photo")).get("alsoInVisits"))
                .stream().map(x -> ((Number) x).longValue()).toList());
        assertEquals(1, jclouds.getBlobStore().list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder
                .prefix(key(sha)).recursive()).size());

        Map<String, Object> stored = (Map<String, Object>) ok.map().get("photo");
        String base = server.getURL().toString();
        HttpResponse<byte[]> served = PhotoBytes.get(base + stored.get("url"), v.lead);
        assertEquals(200, served.statusCode());
        assertArrayEquals(photo, served.body());
        assertTrue(served.headers().firstValue("Cache-Control").orElse("").startsWith("private"));

        // thumbnails live in the bucket too
        HttpResponse<byte[]> thumb = PhotoBytes.get(base + stored.get("thumbnailUrl"), v.shopper);
        assertEquals(200, thumb.statusCode());
        BufferedImage t = PhotoBytes.decode(thumb.body());
        assertEquals(320, Math.max(t.getWidth(), t.getHeight()));
        assertArrayEquals(thumb.body(), object(VisitFixture.sha256(thumb.body())));

        // an object changed in the bucket behind the application's back is not served as the photo
        byte[] forged = PhotoBytes.image("jpg", 64, 48, 99);
        jclouds.getBlobStore().putBlob(BUCKET, jclouds.getBlobStore().blobBuilder(key(sha)).payload(forged).build());
        assertEquals(500, PhotoBytes.get(base + stored.get("url"), v.lead).statusCode());
        jclouds.getBlobStore().putBlob(BUCKET, jclouds.getBlobStore().blobBuilder(key(sha)).payload(photo).build());
        assertEquals(200, PhotoBytes.get(base + stored.get("url"), v.lead).statusCode());
    }

    /** The number for the docs: a 1 MB photo with the S3 store (s3proxy in-process, so no network latency). */
    @Test
    void uploadOfAOneMegabytePhotoWithTheS3Store() {
        v.printMedianUploadOfOneMegabytePhotos("S3 store", 200);
    }

    @Test
    void aTransactionThatFailsAfterThePutLeavesAHarmlessObjectThatTheNextUploadReuses() throws Exception {
        byte[] photo = PhotoBytes.image("png", 300, 200, 11);
        String sha = VisitFixture.sha256(photo);
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            store.put(sha, "image/png", photo);
            throw new IllegalStateException("the photo row failed to commit");
        }));
        assertArrayEquals(photo, object(sha), "the object was written before the row");
        assertNull(one("select sha256 from blob where sha256 = ?", sha), "the row rolled back: the blob does not exist");
        assertFalse(store.exists(sha));

        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        TestApi.Res ok = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, sha, v.version(visitId, v.shopper), null,
                "image/png");
        assertEquals(200, ok.status(), ok.raw());
        assertTrue(store.exists(sha));
        assertArrayEquals(photo, store.content(sha).orElseThrow());
    }
}
