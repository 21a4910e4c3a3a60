package com.tanfang.chart;

import com.tanfang.document.pdf.DocumentFont;
import com.tanfang.message.Language;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RadarChartsTest {
    private static final List<RadarChart.Axis> AXES = List.of(
            new RadarChart.Axis("服务特性测评", new BigDecimal("70"), new BigDecimal("58.0681"), new BigDecimal("50")),
            new RadarChart.Axis("顾客满意度", new BigDecimal("30"), new BigDecimal("24"), new BigDecimal("27")),
            new RadarChart.Axis("管理审核", new BigDecimal("10"), new BigDecimal("12"), null));

    @Test
    void axesArePercentagesOfTheirFullMarksClampedToTheWeb() {
        assertEquals(82.954, AXES.get(0).percent(), 0.001);
        assertEquals(80, AXES.get(1).percent(), 1e-9);
        assertEquals(100, AXES.get(2).percent(), 1e-9, "a bonus above full marks draws at the rim");
        assertTrue(Double.isNaN(AXES.get(2).previousPercent()));
        assertThrows(IllegalArgumentException.class, () -> new RadarChart.Axis("x", BigDecimal.ZERO, null, null));
    }

    @Test
    void aSnapshotResultGivesOneAxisPerEvaluatedPartWithLastYearsScoreByKey() {
        Map<String, Object> result = Map.of("parts", List.of(
                part("service", "服务特性测评", "Service", "70", "2555/44", true),
                part("gated", "门槛", "Gate", "10", "0", false),
                part("survey", "顾客满意度", "Satisfaction", "30", "24", true)));
        Map<String, Object> previous = Map.of("parts", List.of(part("survey", "顾客满意度", "Satisfaction", "30", "27", true)));
        RadarChart zh = RadarChart.ofParts(result, previous, Language.ZH_CN, "各部分得分率", "2026", "2025");
        assertEquals(List.of("服务特性测评", "顾客满意度"), zh.axes().stream().map(RadarChart.Axis::label).toList());
        assertEquals(new BigDecimal("58.068182"), zh.axes().get(0).score(), "2555/44 to six places");
        assertEquals(90, zh.axes().get(1).previousPercent(), 1e-9);
        assertTrue(zh.hasPrevious());
        RadarChart en = RadarChart.ofParts(result, null, Language.EN, "", "", "");
        assertEquals("Service", en.axes().get(0).label());
        assertFalse(en.hasPrevious());
    }

    @Test
    void thePngDrawsTheChineseLabelsWithRealGlyphs() throws Exception {
        for (RadarChart.Axis a : AXES) {
            assertEquals(-1, DocumentFont.awt(12).canDisplayUpTo(a.label()), "the embedded font has every glyph of " + a.label());
        }
        RadarChart chart = new RadarChart("各部分得分率", "2026年", "2025年", AXES);
        BufferedImage withLabels = ImageIO.read(new ByteArrayInputStream(RadarCharts.png(chart, 600, 500)));
        assertEquals(600, withLabels.getWidth());
        List<RadarChart.Axis> blank = AXES.stream()
                .map(a -> new RadarChart.Axis("　　　", a.fullMarks(), a.score(), a.previousScore())).toList();
        BufferedImage withoutLabels = ImageIO.read(new ByteArrayInputStream(
                RadarCharts.png(new RadarChart("各部分得分率", "2026年", "2025年", blank), 600, 500)));
        long differing = 0;
        for (int y = 0; y < 500; y++) {
            for (int x = 0; x < 600; x++) {
                if (withLabels.getRGB(x, y) != withoutLabels.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        // Eighteen hanzi at 13 px draw well over a thousand dark pixels; a tofu box or nothing draws far fewer.
        assertTrue(differing > 1500, "the labels draw glyphs: " + differing + " pixels differ");
    }

    @Test
    void theSvgIsWellFormedEscapedAndCarriesTheFigures() throws Exception {
        RadarChart chart = new RadarChart("<script>&", "2026", "2025", AXES);
        String svg = RadarCharts.svg(chart);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertFalse(svg.contains("<script>"), "titles are escaped");
        assertTrue(svg.contains("服务特性测评") && svg.contains("83%") && svg.contains("80%"), svg);
        assertNotNull(doc.getElementsByTagName("polygon").item(0));
        // five rings, last year's line, this year's area
        assertEquals(7, doc.getElementsByTagName("polygon").getLength());
        assertTrue(svg.length() < 4000, "small enough for the public page: " + svg.length());
    }

    private static Map<String, Object> part(String key, String zh, String en, String points, String score, boolean evaluated) {
        return Map.of("key", key, "titleZh", zh, "titleEn", en, "evaluated", evaluated,
                "points", Map.of("exact", points, "display", points), "score", Map.of("exact", score, "display", score));
    }
}
