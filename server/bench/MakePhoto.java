import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/**
 * A photo-like JPEG for server/bench/visit-capture.sh: gradients, shapes and sensor-like noise, so that it compresses
 * about as a phone photo does (several MB at 12 megapixels), not as a flat colour.
 * Usage: java MakePhoto.java OUT.jpg [width] [height] [seed]
 */
public class MakePhoto {
    public static void main(String[] args) throws Exception {
        int w = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        Random r = new Random(args.length > 3 ? Long.parseLong(args[3]) : 1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(150, 180, 210), 0, h, new Color(90, 80, 70)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 400; i++) {
            g.setPaint(new GradientPaint(r.nextInt(w), r.nextInt(h), new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)),
                    r.nextInt(w), r.nextInt(h), new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256))));
            int x = r.nextInt(w), y = r.nextInt(h), sw = 40 + r.nextInt(w / 5), sh = 40 + r.nextInt(h / 5);
            if (i % 2 == 0) g.fillRect(x, y, sw, sh); else g.fillOval(x, y, sw, sh);
        }
        g.dispose();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int n = (int) (r.nextGaussian() * 6);
                int c = row[x];
                int red = clamp(((c >> 16) & 255) + n), green = clamp(((c >> 8) & 255) + n), blue = clamp((c & 255) + n);
                row[x] = (red << 16) | (green << 8) | blue;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.92f); // a phone camera's usual quality
        try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(args[0]))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        }
        writer.dispose();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
