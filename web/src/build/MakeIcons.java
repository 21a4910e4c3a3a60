// Draws the staff app's PNG icons (web/icons/icon-192.png, icon-512.png) with the WenQuanYi font:
//   java -Djava.awt.headless=true web/src/build/MakeIcons.java web/src/main/resources/web/icons
// They are committed; rerun only when the icon changes (the SVG, icons/icon.svg, is the same design).
import javax.imageio.ImageIO;
import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.File;

public class MakeIcons {
    public static void main(String[] a) throws Exception {
        for (int size : new int[]{192, 512}) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x0b5cad));
            g.fillRect(0, 0, size, size);
            g.setColor(Color.WHITE);
            Font f = new Font("WenQuanYi Zen Hei", Font.PLAIN, size * 52 / 100);
            g.setFont(f);
            FontMetrics m = g.getFontMetrics();
            String s = "\u63a2";
            int x = (size - m.stringWidth(s)) / 2;
            int y = (size - m.getHeight()) / 2 + m.getAscent();
            g.drawString(s, x, y);
            g.dispose();
            ImageIO.write(img, "png", new File(a[0] + "/icon-" + size + ".png"));
        }
    }
}
