package com.tanfang.report.audit;

import com.tanfang.evidence.CanonicalJson;
import com.tanfang.message.Language;
import com.tanfang.project.EvaluationProject;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.LikertMapping;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SpecialRules;
import com.tanfang.scoring.Rating;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.scoring.ScoringEngine;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic signed revision of a long scheme for the PDF test and the benchmark: three parts (service 40 items,
 * management 30, customer survey 24: {@code items} in all, long Chinese texts that wrap), two raters per item with
 * seeded Likert ratings, one item N/A, scored by the real engine and turned into the snapshot's JSON maps the way
 * the sign-off stores them (the API's JSON, read back by CanonicalJson).
 */
final class AuditReportSamples {
    private AuditReportSamples() {
    }

    /** Item codes A001.., B001.., C001..: unique, and never a substring of a hex hash (upper case). */
    static String code(char part, int n) {
        return String.format("%c%03d", part, n);
    }

    static Scheme scheme(int items) {
        int a = Math.round(items * 40f / 94);
        int b = Math.round(items * 30f / 94);
        int c = items - a - b;
        List<Part> parts = List.of(part('A', "service", "服务要求", "Service requirements", a, Method.OPEN_INSPECTION),
                part('B', "management", "管理要求", "Management requirements", b, Method.MANAGEMENT_AUDIT),
                part('C', "survey", "顾客感知", "Customer perception", c, Method.CUSTOMER_SURVEY));
        BigDecimal full = parts.stream().map(Part::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        GradeTable grades = GradeTable.of(new GradeTable.Level("compliant", "达标级", "Compliant", full.multiply(new BigDecimal("0.7"))),
                new GradeTable.Level("three", "三星级", "Three stars", full.multiply(new BigDecimal("0.8"))),
                new GradeTable.Level("four", "四星级", "Four stars", full.multiply(new BigDecimal("0.9"))),
                new GradeTable.Level("five", "五星级", "Five stars", full.multiply(new BigDecimal("0.95"))));
        return new Scheme("bench-" + items, "长条目测试方案", "Long item scheme", "", "", full, LikertMapping.LINEAR,
                SpecialRules.NONE, List.of(), grades, parts);
    }

    private static Part part(char letter, String key, String zh, String en, int n, Method method) {
        List<Group> groups = new ArrayList<>();
        int perGroup = 6;
        for (int g = 0; g * perGroup < n; g++) {
            List<Item> items = new ArrayList<>();
            for (int i = g * perGroup; i < Math.min(n, (g + 1) * perGroup); i++) {
                String clause = (letter - 'A' + 1) + "." + (g + 1) + "." + (i - g * perGroup + 1);
                items.add(new Item(clause, code(letter, i + 1), BigDecimal.ONE,
                        "第 " + (i + 1) + " 项：服务人员应主动问候顾客，准确说明服务内容、收费标准、办理时限和投诉渠道，"
                                + "并在服务结束后确认顾客的需求已经得到满足（条款 " + clause + "）",
                        "Item " + (i + 1) + ": staff greet the customer, explain the service, fees, time limits and the"
                                + " complaint channel, and confirm afterwards that the need was met (clause " + clause + ")",
                        Set.of(method), AnswerType.LIKERT_5, null, true));
            }
            groups.add(new Group((letter - 'A' + 1) + "." + (g + 1), zh + "第 " + (g + 1) + " 组", en + " group " + (g + 1),
                    BigDecimal.valueOf(items.size()), items));
        }
        return new Part(key, zh, en, BigDecimal.valueOf(n), null, groups);
    }

    /** The snapshot (sheet as JSON maps) of the scheme rated by two raters, seeded; the first item N/A. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sheet(Scheme scheme, JsonMapper json) {
        Random random = new Random(42);
        List<Rating> ratings = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean first = true;
        for (Part p : scheme.parts()) {
            for (Group g : p.groups()) {
                for (Item i : g.items()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", i.name());
                    row.put("clause", i.clause());
                    row.put("code", i.code());
                    row.put("partKey", p.key());
                    row.put("groupClause", g.clause());
                    row.put("bonus", false);
                    row.put("textZh", i.textZh());
                    row.put("textEn", i.textEn());
                    row.put("points", i.points());
                    row.put("methods", i.methods().stream().map(Enum::name).toList());
                    List<Map<String, Object>> visitRatings = new ArrayList<>();
                    for (String rater : List.of("r1", "r2")) {
                        Rating r = first ? new Rating(i.name(), rater, null, null, null, null, true)
                                : Rating.likert(i.name(), rater, 3 + random.nextInt(3));
                        ratings.add(r);
                        Map<String, Object> vr = new LinkedHashMap<>();
                        vr.put("mode", "OPEN");
                        vr.put("rater", rater);
                        vr.put("notApplicable", first);
                        vr.put("notApplicableReason", first ? "本场所不提供该项服务。" : null);
                        vr.put("value", first ? null : r.likert());
                        visitRatings.add(vr);
                    }
                    row.put("ratings", visitRatings);
                    rows.add(row);
                    first = false;
                }
            }
        }
        ScoreResult result = new ScoringEngine(scheme).score(ratings);
        Map<String, Object> sheet = new LinkedHashMap<>();
        sheet.put("projectId", 1);
        sheet.put("title", "长条目方案基准项目 2026 年度初次评价");
        sheet.put("titleEn", "Long scheme benchmark project: 2026 initial evaluation");
        sheet.put("schemeCode", scheme.code());
        sheet.put("schemeTitleZh", scheme.titleZh());
        sheet.put("schemeTitleEn", scheme.titleEn());
        sheet.put("items", rows);
        sheet.put("result", result);
        sheet.put("notApplicableDecisions", List.of());
        sheet.put("adjustments", List.of());
        try {
            return (Map<String, Object>) CanonicalJson.read(json.writeValueAsString(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Narrative narrative() {
        return new Narrative(1, 1, EvaluationProject.EvaluationType.INITIAL, "", "",
                "服务中心公示规范，员工主动问候。\n环境整洁。", "部分管理记录不完整。", "评价组认为该组织的服务总体符合方案要求。",
                true, "李组长", "王审核", LocalDate.of(2026, 11, 30), 1, null, null, null);
    }

    static AuditReport model(Language language, int items, JsonMapper json, byte[] radarPng) {
        Scheme scheme = scheme(items);
        Map<String, Object> sheet = sheet(scheme, json);
        return AuditReportModel.build(language, new AuditReportModel.Facts(1, "探访认证评价中心 Tanfang Certification Centre",
                        "锦绣花园物业服务有限公司", "Jinxiu Garden Property Services Co., Ltd.", "王经理", "0571-8888 0000",
                        "锦绣花园", "Jinxiu Garden", "浙江省杭州市西湖区锦绣路 1 号", 3), scheme,
                new AuditReportModel.Signed(1, "0123456789abcdef".repeat(4), Instant.parse("2026-11-30T02:00:00Z"), sheet),
                narrative(), List.of(new AuditReportModel.Member("李组长", true), new AuditReportModel.Member("张审查员", false)),
                List.of(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21)),
                List.of(new AuditReportModel.Finding(true, "MINOR", "2.1", null, "管理记录缺少 3 个月。", LocalDate.of(2026, 12, 31)),
                        new AuditReportModel.Finding(false, null, "1.1", null, "建议公示报修时限。", LocalDate.of(2027, 1, 31))),
                radarPng);
    }

    static Map<String, Object> result(Map<String, Object> sheet) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) sheet.get("result");
        return r;
    }
}
