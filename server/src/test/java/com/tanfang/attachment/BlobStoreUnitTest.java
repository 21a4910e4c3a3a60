package com.tanfang.attachment;

import com.tanfang.platform.StartupProblem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 store's start checks and the thumbnail maker's guards, without a server. */
class BlobStoreUnitTest {
    @Test
    void theS3StoreStopsTheStartWithOneLineWhenMisconfigured() {
        StartupProblem noBucket = assertThrows(StartupProblem.class, () -> new S3BlobStore(null, null, "us-east-1",
                "", true, null, "id", "secret", null));
        assertTrue(noBucket.getMessage().contains("TANFANG_BLOBS_S3_BUCKET"), noBucket.getMessage());
        StartupProblem noSecret = assertThrows(StartupProblem.class, () -> new S3BlobStore(null, null, "us-east-1",
                "photos", true, null, "id", null, null));
        assertTrue(noSecret.getMessage().contains("TANFANG_BLOBS_S3_SECRET_ACCESS_KEY"), noSecret.getMessage());
        StartupProblem unreadable = assertThrows(StartupProblem.class, () -> new S3BlobStore(null, null, "us-east-1",
                "photos", true, null, "id", null, "/nonexistent/tanfang-s3-secret"));
        assertTrue(unreadable.getMessage().contains("cannot be read"), unreadable.getMessage());
        StartupProblem unreachable = assertThrows(StartupProblem.class, () -> new S3BlobStore(null,
                "http://127.0.0.1:1", "us-east-1", "photos", true, null, "id", "secret", null));
        assertTrue(unreachable.getMessage().startsWith("The photo bucket photos cannot be reached at http://127.0.0.1:1"),
                unreachable.getMessage());
        StartupProblem unknown = assertThrows(StartupProblem.class, () -> new BlobStoreChoice("minio"));
        assertTrue(unknown.getMessage().contains("postgres (the default) or s3"), unknown.getMessage());
        new BlobStoreChoice("s3");
    }

    @Test
    void thumbnailsScaleDownOnlyAndRefuseImagesThatClaimTooManyPixels() throws IOException {
        Thumbnails.Scaled wide = Thumbnails.scale(PhotoBytes.image("png", 2000, 500, 1), 320).orElseThrow();
        assertEquals(320, wide.width());
        assertEquals(80, wide.height());
        Thumbnails.Scaled tiny = Thumbnails.scale(PhotoBytes.image("jpg", 40, 30, 2), 320).orElseThrow();
        assertEquals(40, tiny.width());
        // a 50-byte PNG header that claims 50000 x 50000 pixels (a decompression bomb) is not decoded
        assertTrue(Thumbnails.scale(pngHeader(50_000, 50_000), 320).isEmpty());
        assertTrue(Thumbnails.scale("not an image".getBytes(StandardCharsets.US_ASCII), 320).isEmpty());
    }

    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[]{8, 2, 0, 0, 0});
        byte[] typeAndData = chunk.toByteArray();
        d.writeInt(typeAndData.length - 4);
        d.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        d.writeInt((int) crc.getValue());
        return out.toByteArray();
    }
}
