package com.tanfang.report;

import com.tanfang.chart.RadarChart;
import com.tanfang.document.pdf.DocumentText;
import com.tanfang.message.Language;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The radar chart of a signed result as the reports draw it (PDF and screens alike): the parts as axes
 * ({@link RadarChart#ofParts}); when the scheme has fewer than three evaluated parts (the property scheme has two),
 * a radar of two axes is a line, so its groups (the service characteristics) are the axes instead, each as achieved
 * over applicable points, with last year's group of the same clause as the second line.
 */
public final class ReportRadar {
    private ReportRadar() {
    }

    public static RadarChart of(Map<String, Object> result, @Nullable Map<String, Object> previous, Language language,
                                @Nullable Integer revision) {
        DocumentText t = DocumentText.of(language);
        String title = t.get("doc.audit.radar.title");
        String current = revision == null ? t.get("doc.audit.radar.current_plain") : t.get("doc.audit.radar.current", revision);
        String before = previous == null ? "" : t.get("doc.audit.radar.previous");
        return of(result, previous, language, title, current, before);
    }

    /** The same chart with titles of the caller's choosing (the certificate names its own). */
    public static RadarChart of(Map<String, Object> result, @Nullable Map<String, Object> previous, Language language,
                                String title, String current, String before) {
        RadarChart parts = RadarChart.ofParts(result, previous, language, title, current, before);
        if (parts.axes().size() >= 3) {
            return parts;
        }
        List<RadarChart.Axis> axes = new ArrayList<>();
        for (Map<String, Object> part : maps(result.get("parts"))) {
            if (Boolean.FALSE.equals(part.get("evaluated"))) {
                continue;
            }
            for (Map<String, Object> g : maps(part.get("groups"))) {
                BigDecimal applicable = decimal(g.get("applicable"));
                if (applicable == null || applicable.signum() <= 0) {
                    continue;
                }
                String label = language == Language.EN ? pick((String) g.get("titleEn"), (String) g.get("titleZh"))
                        : pick((String) g.get("titleZh"), (String) g.get("titleEn"));
                axes.add(new RadarChart.Axis(label, applicable, decimal(g.get("achieved")),
                        previous == null ? null : previousGroup(previous, String.valueOf(g.get("clause")), applicable)));
            }
        }
        if (axes.size() < 3 || axes.size() > RadarChart.MAX_AXES) {
            return parts;
        }
        return new RadarChart(title, current, before, axes);
    }

    /** Last year's group of the same clause, scaled to this year's applicable points (the chart draws percentages). */
    private static BigDecimal previousGroup(Map<String, Object> previous, String clause, BigDecimal applicable) {
        for (Map<String, Object> part : maps(previous.get("parts"))) {
            for (Map<String, Object> g : maps(part.get("groups"))) {
                if (clause.equals(String.valueOf(g.get("clause")))) {
                    BigDecimal a = decimal(g.get("applicable"));
                    BigDecimal v = decimal(g.get("achieved"));
                    if (a == null || v == null || a.signum() <= 0) {
                        return null;
                    }
                    return v.multiply(applicable).divide(a, 6, RoundingMode.HALF_EVEN);
                }
            }
        }
        return null;
    }

    private static String pick(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal decimal(Object o) {
        Object exact = o instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("exact") : o;
        if (exact == null) {
            return null;
        }
        String s = exact.toString().trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new BigDecimal(s);
        }
        return new BigDecimal(new BigInteger(s.substring(0, slash).trim()))
                .divide(new BigDecimal(new BigInteger(s.substring(slash + 1).trim())), 6, RoundingMode.HALF_EVEN);
    }
}
