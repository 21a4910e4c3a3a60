package com.tanfang.chart;

import com.tanfang.document.pdf.DocumentFont;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SpiderWebPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Draws a {@link RadarChart}. PNG through JFreeChart's {@link SpiderWebPlot} (for PDFs: the pipeline embeds
 * images, not SVG); SVG by hand, because JFreeSVG (JFreeChart's SVG back end) is GPL and the page that shows it
 * must stay a few KB. Both plot the same percentages with the same colours and the web's rings at 20 % steps.
 */
public final class RadarCharts {
    static final Color CURRENT = new Color(0x1f, 0x6f, 0xb2);
    static final Color PREVIOUS = new Color(0x99, 0x99, 0x99);
    private static final int RINGS = 5;

    private RadarCharts() {
    }

    /** A PNG of the chart, {@code width} x {@code height} pixels (print: about 2x the size it is shown at). */
    public static byte[] png(RadarChart chart, int width, int height) {
        if (width < 100 || height < 100 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("chart size out of range: " + width + "x" + height);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String current = chart.currentLabel().isBlank() ? " " : chart.currentLabel();
        String previous = chart.previousLabel().isBlank() ? "  " : chart.previousLabel();
        for (int i = 0; i < chart.axes().size(); i++) {
            RadarChart.Axis axis = chart.axes().get(i);
            // Category keys must be unique: two parts may share a title.
            AxisKey key = new AxisKey(i, axis.label());
            data.addValue(axis.percent(), current, key);
            if (chart.hasPrevious()) {
                double p = axis.previousPercent();
                data.addValue(Double.isNaN(p) ? 0 : p, previous, key);
            }
        }
        float scale = width / 600f;
        SpiderWebPlot plot = new SpiderWebPlot(data);
        plot.setMaxValue(100);
        plot.setStartAngle(90);
        plot.setWebFilled(true);
        plot.setInteriorGap(0.22);
        plot.setLabelFont(DocumentFont.awt(13 * scale));
        plot.setLabelPaint(Color.DARK_GRAY);
        plot.setSeriesPaint(0, CURRENT);
        plot.setSeriesOutlineStroke(0, new BasicStroke(2.2f * scale));
        plot.setSeriesOutlinePaint(0, CURRENT);
        if (chart.hasPrevious()) {
            plot.setSeriesPaint(1, PREVIOUS);
            plot.setSeriesOutlinePaint(1, PREVIOUS);
            plot.setSeriesOutlineStroke(1, new BasicStroke(1.6f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    1, new float[]{6 * scale, 4 * scale}, 0));
        }
        plot.setLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
            @Override
            public String generateColumnLabel(org.jfree.data.category.CategoryDataset dataset, int column) {
                AxisKey key = (AxisKey) dataset.getColumnKey(column);
                double p = chart.axes().get(key.index()).percent();
                return key.label() + " " + String.format(Locale.ROOT, "%.0f%%", p);
            }
        });
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart jfree = new JFreeChart(null, DocumentFont.awt(15 * scale), plot, true);
        jfree.setBackgroundPaint(Color.WHITE);
        jfree.setAntiAlias(true);
        jfree.setTextAntiAlias(true);
        if (!chart.title().isBlank()) {
            jfree.setTitle(new TextTitle(chart.title(), DocumentFont.awt(15 * scale)));
        }
        LegendTitle legend = jfree.getLegend();
        if (legend != null) {
            legend.setItemFont(DocumentFont.awt(12 * scale));
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            if (!chart.hasPrevious() && chart.currentLabel().isBlank()) {
                jfree.removeLegend();
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            jfree.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The axis a category stands for: its position keeps equal labels apart. */
    record AxisKey(int index, String label) implements Comparable<AxisKey> {
        @Override
        public int compareTo(AxisKey o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The chart as an SVG element (no XML prolog, so it can be inlined in HTML), scaled by its viewBox to whatever
     * width the page gives it. Labels are text, drawn in the page's font: the phone's own CJK font renders them.
     */
    public static String svg(RadarChart chart) {
        int n = chart.axes().size();
        double size = 360;
        double cx = size / 2;
        double cy = 170;
        double r = 110;
        int height = chart.hasPrevious() || !chart.currentLabel().isBlank() ? 370 : 345;
        StringBuilder s = new StringBuilder(2048);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(fmt(size)).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(escape(chart.title()))
                .append("\" font-size=\"12\" font-family=\"sans-serif\">");
        if (!chart.title().isBlank()) {
            s.append("<title>").append(escape(chart.title())).append("</title>");
        }
        if (n < 3) {
            // A radar needs three axes; with fewer, list the figures instead of drawing a line.
            double y = 40;
            for (RadarChart.Axis a : chart.axes()) {
                s.append("<text x=\"20\" y=\"").append(fmt(y)).append("\">").append(escape(a.label())).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f%%", a.percent())).append("</text>");
                y += 20;
            }
            return s.append("</svg>").toString();
        }
        // the web: rings at 20 % steps and the spokes
        for (int ring = 1; ring <= RINGS; ring++) {
            s.append("<polygon fill=\"none\" stroke=\"#ccc\" stroke-width=\"1\" points=\"")
                    .append(points(n, cx, cy, r * ring / RINGS, i -> 100)).append("\"/>");
        }
        for (int i = 0; i < n; i++) {
            double[] p = point(n, i, cx, cy, r);
            s.append("<line x1=\"").append(fmt(cx)).append("\" y1=\"").append(fmt(cy)).append("\" x2=\"")
                    .append(fmt(p[0])).append("\" y2=\"").append(fmt(p[1])).append("\" stroke=\"#ccc\"/>");
        }
        if (chart.hasPrevious()) {
            s.append("<polygon fill=\"none\" stroke=\"#999\" stroke-width=\"1.6\" stroke-dasharray=\"5 4\" points=\"")
                    .append(points(n, cx, cy, r, i -> {
                        double v = chart.axes().get(i).previousPercent();
                        return Double.isNaN(v) ? 0 : v;
                    })).append("\"/>");
        }
        s.append("<polygon fill=\"#1f6fb2\" fill-opacity=\"0.25\" stroke=\"#1f6fb2\" stroke-width=\"2.2\" points=\"")
                .append(points(n, cx, cy, r, i -> chart.axes().get(i).percent())).append("\"/>");
        for (int i = 0; i < n; i++) {
            RadarChart.Axis a = chart.axes().get(i);
            double[] p = point(n, i, cx, cy, r + 16);
            String anchor = Math.abs(p[0] - cx) < 8 ? "middle" : p[0] < cx ? "end" : "start";
            s.append("<text x=\"").append(fmt(p[0])).append("\" y=\"").append(fmt(p[1] + (p[1] < cy - 8 ? -2 : p[1] > cy + 8 ? 10 : 4)))
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(a.label()))
                    .append("<tspan fill=\"#1f6fb2\" font-weight=\"bold\"> ")
                    .append(String.format(Locale.ROOT, "%.0f%%", a.percent())).append("</tspan></text>");
        }
        double ly = height - 14;
        if (!chart.currentLabel().isBlank() || chart.hasPrevious()) {
            s.append("<rect x=\"60\" y=\"").append(fmt(ly - 9)).append("\" width=\"14\" height=\"10\" fill=\"#1f6fb2\" fill-opacity=\"0.5\"/>")
                    .append("<text x=\"80\" y=\"").append(fmt(ly)).append("\">").append(escape(chart.currentLabel())).append("</text>");
            if (chart.hasPrevious()) {
                s.append("<line x1=\"200\" y1=\"").append(fmt(ly - 4)).append("\" x2=\"216\" y2=\"").append(fmt(ly - 4))
                        .append("\" stroke=\"#999\" stroke-width=\"1.6\" stroke-dasharray=\"5 4\"/>")
                        .append("<text x=\"222\" y=\"").append(fmt(ly)).append("\">").append(escape(chart.previousLabel())).append("</text>");
            }
        }
        return s.append("</svg>").toString();
    }

    private interface Value {
        double at(int i);
    }

    private static String points(int n, double cx, double cy, double r, Value percent) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double[] p = point(n, i, cx, cy, r * percent.at(i) / 100);
            if (i > 0) {
                s.append(' ');
            }
            s.append(fmt(p[0])).append(',').append(fmt(p[1]));
        }
        return s.toString();
    }

    /** Axis i of n, clockwise from twelve o'clock (as SpiderWebPlot draws with start angle 90). */
    private static double[] point(int n, int i, double cx, double cy, double r) {
        double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[]{cx + r * Math.cos(angle), cy + r * Math.sin(angle)};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** XML text and attribute escaping: five characters, not worth a library. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
