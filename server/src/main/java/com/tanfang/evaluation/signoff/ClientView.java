package com.tanfang.evaluation.signoff;

import com.tanfang.evidence.CanonicalJson;
import com.tanfang.message.Message;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's view of a released snapshot, as an explicit projection: an ALLOW-list. Every field the client reads
 * is named here and copied from the snapshot; anything the snapshot holds beyond them (the ratings with their
 * raters and visits, notes, photos, answer ids, explanation lines, warnings, and whatever later parts of issue 12
 * add to the sheet) never reaches it unless it is added here on purpose. So a covert shopper's name, a visit id, a
 * scenario or a respondent's answer cannot leak by a new field appearing on the sheet.
 *
 * <p>Allowed: project id and titles; scheme code and titles; revision, hash, sign-off and release times; full
 * marks, total, printed total, percentage, grade (key, names), passed, fail reasons (code and arguments, rendered
 * in the reader's language); per part key, titles, evaluated, score, full marks, percentage, passed; per item name,
 * clause, code, part, group, bonus, texts, points, status, score, percentage, N/A with the justifications written
 * on OPEN visits; per survey item the score, its interval and n; the counted campaign's titles, close and
 * responses; and the findings' allow-listed scalar fields ({@link #FINDING_FIELDS}) when the snapshot holds them.
 */
public final class ClientView {
    /** Keys a finding (nonconformity, improvement item) may show the client: plain values only, never nested objects. */
    static final Set<String> FINDING_FIELDS = Set.of("id", "kind", "severity", "clause", "itemName", "itemCode",
            "titleZh", "titleEn", "textZh", "textEn", "findingZh", "findingEn", "finding", "deadline", "dueAt",
            "state", "status", "overdue", "closedAt", "answeredAt");
    /**
     * Top-level sheet keys under which a snapshot would list findings. The sheet holds none today (nonconformities
     * are not part of the signed result: the client reads them on its findings page), so the list stays empty.
     */
    static final List<String> FINDING_LISTS = List.of("nonconformities", "findings");

    private ClientView() {
    }

    /** The client's result from the stored snapshot text of a released revision. */
    @SuppressWarnings("unchecked")
    public static SignOffDtos.ClientResult of(String snapshot, int revision, String sha256, Instant signedAt,
                                              Instant releasedAt) {
        Map<String, Object> sheet = (Map<String, Object>) CanonicalJson.read(snapshot);
        Map<String, Object> result = map(sheet.get("result"));

        List<SignOffDtos.PartScore> parts = new ArrayList<>();
        Map<String, Map<String, Object>> itemResults = new HashMap<>();
        for (Object po : list(result.get("parts"))) {
            Map<String, Object> p = map(po);
            Object evaluated = p.get("evaluated");
            Object passed = p.get("passed");
            parts.add(new SignOffDtos.PartScore(text(p.get("key")), text(p.get("titleZh")), text(p.get("titleEn")),
                    !Boolean.FALSE.equals(evaluated), figure(p.get("score")), figure(p.get("points")),
                    figure(p.get("percentage")), passed instanceof Boolean b ? b : null));
            for (Object go : list(p.get("groups"))) {
                for (Object io : list(map(go).get("items"))) {
                    Map<String, Object> i = map(io);
                    itemResults.put(text(i.get("code")), i);
                }
            }
        }
        for (Object bo : list(result.get("bonusItems"))) {
            Map<String, Object> i = map(bo);
            itemResults.put(text(i.get("code")), i);
        }

        List<SignOffDtos.ItemLine> items = new ArrayList<>();
        for (Object ro : list(sheet.get("items"))) {
            Map<String, Object> row = map(ro);
            String name = text(row.get("name"));
            Map<String, Object> r = itemResults.getOrDefault(name, Map.of());
            String status = text(r.get("status"));
            boolean notApplicable = "NOT_APPLICABLE".equals(status);
            Set<String> reasons = new LinkedHashSet<>();
            if (notApplicable) {
                for (Object rt : list(row.get("ratings"))) {
                    Map<String, Object> rating = map(rt);
                    // only what an open visit wrote: a covert visit's words could tell the provider about it
                    if ("OPEN".equals(rating.get("mode")) && Boolean.TRUE.equals(rating.get("notApplicable"))
                            && rating.get("notApplicableReason") instanceof String reason && !reason.isBlank()) {
                        reasons.add(reason);
                    }
                }
            }
            Map<String, Object> survey = map(row.get("survey"));
            items.add(new SignOffDtos.ItemLine(name, text(row.get("clause")), text(row.get("code")),
                    text(row.get("partKey")), text(row.get("groupClause")), Boolean.TRUE.equals(row.get("bonus")),
                    text(row.get("textZh")), text(row.get("textEn")), text(row.get("points")), status,
                    figure(r.get("achieved")), figure(r.get("percentage")), notApplicable, List.copyOf(reasons),
                    text(survey.get("score")), text(survey.get("scoreLow")), text(survey.get("scoreHigh")),
                    survey.get("answered") instanceof BigInteger n ? n.longValue() : null));
        }

        List<Message> failReasons = new ArrayList<>();
        for (Object fo : list(result.get("failReasons"))) {
            Map<String, Object> message = map(map(fo).get("message"));
            String code = text(message.get("code"));
            if (code != null) {
                failReasons.add(new Message(code, list(message.get("args")).stream().map(ClientView::text).toList()));
            }
        }
        Map<String, Object> grade = map(result.get("grade"));
        Map<String, Object> source = map(sheet.get("survey"));
        SignOffDtos.SurveyCampaign campaign = source.get("campaignId") == null ? null
                : new SignOffDtos.SurveyCampaign(text(source.get("titleZh")), text(source.get("titleEn")),
                text(source.get("closesAt")), source.get("responses") instanceof BigInteger n ? n.longValue() : null);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (String key : FINDING_LISTS) {
            for (Object fo : list(sheet.get(key))) {
                Map<String, Object> f = map(fo);
                Map<String, Object> out = new LinkedHashMap<>();
                for (String field : FINDING_FIELDS) {
                    Object v = f.get(field);
                    if (v instanceof String || v instanceof Boolean) {
                        out.put(field, v);
                    } else if (v instanceof BigInteger n) {
                        out.put(field, n.longValue());
                    }
                }
                if (!out.isEmpty()) {
                    findings.add(out);
                }
            }
        }
        return new SignOffDtos.ClientResult(number(sheet.get("projectId")), text(sheet.get("title")),
                text(sheet.get("titleEn")), text(sheet.get("schemeCode")), text(sheet.get("schemeTitleZh")),
                text(sheet.get("schemeTitleEn")), revision, sha256, signedAt, releasedAt, figure(result.get("fullMarks")),
                figure(result.get("total")), text(result.get("printedTotal")), figure(result.get("percentage")),
                grade.isEmpty() ? null : new SignOffDtos.Grade(text(grade.get("key")), text(grade.get("nameZh")),
                        text(grade.get("nameEn"))),
                Boolean.TRUE.equals(result.get("passed")), failReasons, parts, items, campaign, findings);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** A scalar as text: strings as they are, numbers in their JSON text; null for anything else. */
    private static String text(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof BigInteger n) {
            return n.toString();
        }
        if (o instanceof CanonicalJson.Decimal d) {
            return d.text();
        }
        return null;
    }

    private static long number(Object o) {
        return o instanceof BigInteger n ? n.longValue() : 0;
    }

    /** An exact figure ({"exact","display"}) or null. */
    private static SignOffDtos.Figure figure(Object o) {
        Map<String, Object> f = map(o);
        return f.isEmpty() ? null : new SignOffDtos.Figure(text(f.get("exact")), text(f.get("display")));
    }
}
