package com.tanfang.attachment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.Optional;

/**
 * Small JPEGs of photos for lists (longest side {@link #MAX_SIDE} px), made with javax.imageio on the first request
 * and kept as blobs of their own in the same {@link BlobStore} (content-addressed like every blob, so S3 holds them
 * too and a database backup holds them with the postgres store), found again through table
 * {@code blob_thumbnail} (source hash, size → thumbnail hash). A cache, not evidence: it can be deleted and is
 * made again. Two first requests at once both make the same bytes; the store and the table keep one.
 *
 * <p>The source is decoded with subsampling chosen from its declared dimensions, so a small file that claims a
 * huge image (a decompression bomb) costs no more memory than about twice the thumbnail's pixels per row step.
 * Content the JDK cannot decode (WebP has no reader in the JDK) has no thumbnail: {@link Optional#empty()}.
 */
@Singleton
public class Thumbnails {
    public static final int MAX_SIDE = 320;
    /** Pixels above which a source is refused a thumbnail rather than decoded (about 100 megapixels). */
    static final long MAX_SOURCE_PIXELS = 100_000_000L;

    public record Thumbnail(String sha256, int width, int height) {
    }

    private final BlobStore store;
    private final JdbcOperations jdbc;

    public Thumbnails(BlobStore store, JdbcOperations jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    /** The thumbnail of the stored blob {@code sourceSha256}, made now if it is not stored yet. */
    @Transactional
    public Optional<Thumbnail> of(String sourceSha256) {
        Optional<Thumbnail> known = find(sourceSha256);
        if (known.isPresent()) {
            return known;
        }
        Optional<byte[]> source = store.content(sourceSha256);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Optional<Scaled> scaled = scale(source.get(), MAX_SIDE);
        if (scaled.isEmpty()) {
            return Optional.empty();
        }
        byte[] jpeg = scaled.get().jpeg();
        BlobStore.StoredBlob blob = store.put(Blobs.sha256(jpeg), "image/jpeg", jpeg);
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into blob_thumbnail (source_sha256, max_side, sha256,"
                    + " width, height) values (?, ?, ?, ?, ?) on conflict do nothing")) {
                ps.setString(1, sourceSha256);
                ps.setInt(2, MAX_SIDE);
                ps.setString(3, blob.sha256());
                ps.setInt(4, scaled.get().width());
                ps.setInt(5, scaled.get().height());
                return ps.executeUpdate();
            }
        });
        return find(sourceSha256);
    }

    private Optional<Thumbnail> find(String sourceSha256) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select sha256, width, height from blob_thumbnail"
                    + " where source_sha256 = ? and max_side = ?")) {
                ps.setString(1, sourceSha256);
                ps.setInt(2, MAX_SIDE);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Thumbnail(rs.getString(1), rs.getInt(2), rs.getInt(3)))
                            : Optional.<Thumbnail>empty();
                }
            }
        });
    }

    record Scaled(byte[] jpeg, int width, int height) {
    }

    /** {@code image} scaled so that its longest side is at most {@code maxSide} (never enlarged), as a JPEG. */
    static Optional<Scaled> scale(byte[] image, int maxSide) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_SOURCE_PIXELS) {
                    return Optional.empty();
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode at most about twice the target size, then scale smoothly the rest of the way.
                int step = Math.max(1, Math.max(w, h) / (2 * maxSide));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                double factor = Math.min(1.0, (double) maxSide / Math.max(w, h));
                int tw = Math.max(1, (int) Math.round(w * factor));
                int th = Math.max(1, (int) Math.round(h * factor));
                BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = out.createGraphics();
                try {
                    g.setColor(Color.WHITE); // transparent PNG areas become white, not black
                    g.fillRect(0, 0, tw, th);
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                    g.drawImage(decoded, 0, 0, tw, th, null);
                } finally {
                    g.dispose();
                }
                return Optional.of(new Scaled(jpeg(out), tw, th));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // truncated or corrupt content that passed the type check: no thumbnail, the original still serves
            return Optional.empty();
        }
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
