package com.tanfang.report.audit;

import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.DocumentText;
import com.tanfang.evidence.CanonicalJson;
import com.tanfang.message.Language;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Display;
import com.tanfang.scoring.Fraction;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the {@link AuditReport} from everything it prints, without reading anything itself (so the PDF test and
 * the benchmark build it from a synthetic snapshot): the signed snapshot (the sheet as JSON maps), the pinned scheme
 * (the grade table and the parts' methods; a published version never changes), the project's facts, the team, the
 * on-site dates, the narrative, the findings issued by the sign-off, and the radar chart's PNG.
 *
 * <p>The same inputs give the same model: nothing here reads a clock, a locale default or a hash order. Explanation
 * lines of the snapshot are NOT printed (they name raters and visits); the arithmetic is rewritten from the figures.
 */
public final class AuditReportModel {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private AuditReportModel() {
    }

    /** A nonconformity or improvement item as the report prints it (the lead's text, never its evidence). */
    public record Finding(boolean nonconformity, @Nullable String severity, @Nullable String clause,
                          @Nullable String itemCode, String text, LocalDate deadline) {
    }

    /** A member of the audit team: name, and whether it leads. */
    public record Member(String name, boolean lead) {
    }

    /** The project's facts outside the snapshot. */
    public record Facts(long projectId, String certificationBody, String organizationName,
                        @Nullable String organizationNameEn, @Nullable String contact, @Nullable String phone,
                        String siteName, @Nullable String siteNameEn, @Nullable String siteAddress, int schemeVersion) {
    }

    /** The signed revision the report is built from. */
    public record Signed(int revision, String sha256, Instant signedAt, Map<String, Object> sheet) {
    }

    public static AuditReport build(Language language, Facts facts, Scheme scheme, Signed signed, Narrative narrative,
                                    List<Member> team, List<LocalDate> onSite, List<Finding> findings,
                                    @Nullable byte[] radarPng) {
        return new Builder(language, facts, scheme, signed, narrative, team, onSite, findings, radarPng).build();
    }

    /** The ids of the announced (not covert) visits the snapshot's ratings come from: their dates are the on-site dates. */
    public static Set<Long> onSiteVisitIds(Map<String, Object> sheet) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Object ro : list(sheet.get("items"))) {
            for (Object rt : list(map(ro).get("ratings"))) {
                Map<String, Object> rating = map(rt);
                if (!"COVERT".equals(text(rating.get("mode"))) && rating.get("visitId") != null) {
                    ids.add(Long.parseLong(text(rating.get("visitId"))));
                }
            }
        }
        return ids;
    }

    private static final class Builder {
        private final Language language;
        private final DocumentText t;
        private final Facts facts;
        private final Scheme scheme;
        private final Signed signed;
        private final Narrative narrative;
        private final List<Member> team;
        private final List<LocalDate> onSite;
        private final List<Finding> findings;
        private final byte[] radarPng;
        private final Map<String, Object> sheet;
        private final Map<String, Object> result;

        Builder(Language language, Facts facts, Scheme scheme, Signed signed, Narrative narrative, List<Member> team,
                List<LocalDate> onSite, List<Finding> findings, byte[] radarPng) {
            this.language = language;
            this.t = DocumentText.of(language);
            this.facts = facts;
            this.scheme = scheme;
            this.signed = signed;
            this.narrative = narrative;
            this.team = team;
            this.onSite = onSite;
            this.findings = findings;
            this.radarPng = radarPng;
            this.sheet = signed.sheet();
            this.result = map(sheet.get("result"));
        }

        private boolean en() {
            return language == Language.EN;
        }

        private String pick(@Nullable String zh, @Nullable String en) {
            String a = en() ? en : zh;
            String b = en() ? zh : en;
            return a != null && !a.isBlank() ? a : b == null ? "" : b;
        }

        AuditReport build() {
            String projectTitle = pick(text(sheet.get("title")), text(sheet.get("titleEn")));
            String schemeTitle = pick(text(sheet.get("schemeTitleZh")), text(sheet.get("schemeTitleEn")));
            String schemeLine = t.get("doc.audit.scheme_version", schemeTitle, text(sheet.get("schemeCode")),
                    facts.schemeVersion());
            String organization = pick(facts.organizationName(), facts.organizationNameEn());
            String site = pick(facts.siteName(), facts.siteNameEn());
            String auditType = t.get("doc.audit.type." + narrative.auditType().name());
            String revision = t.get("doc.audit.revision", signed.revision());
            String title = t.get("doc.audit.title");
            AuditReport.Cover cover = new AuditReport.Cover(facts.certificationBody(), title, projectTitle, schemeLine,
                    organization, projectNumber(), auditType, revision);
            String footer = t.get("doc.audit.footer", signed.revision(), signed.sha256());
            DocumentFrame frame = new DocumentFrame(title + " · " + projectTitle,
                    facts.certificationBody() + " · " + title, language, footer);

            List<AuditReport.TeamRow> teamRows = team.stream().map(m -> new AuditReport.TeamRow(m.name(),
                    t.get(m.lead() ? "doc.audit.role.lead" : "doc.audit.role.auditor"))).toList();
            String contact = String.join(" ", nonBlank(facts.contact(), facts.phone()));
            String address = facts.siteAddress() == null ? "—" : facts.siteAddress();
            String purpose = narrative.purpose().isBlank() ? t.get("doc.audit.purpose.default", schemeTitle) : narrative.purpose();
            String scope = narrative.scope().isBlank() ? t.get("doc.audit.scope.default", site, schemeTitle) : narrative.scope();
            AuditReport.Basic basic = new AuditReport.Basic(organization, address, contact.isBlank() ? "—" : contact,
                    List.of(site + (facts.siteAddress() == null ? "" : t.get("doc.audit.site_address", facts.siteAddress()))),
                    purpose, schemeLine, scope, onSiteDates(), t.get("doc.audit.days", onSite.size()), teamRows);

            return new AuditReport(t, frame, cover, team.stream().map(Member::name).toList(), basic, methods(),
                    results(), radarPng == null ? null : dataUri(radarPng), grades(), narrativeBlock(),
                    findingLines(true), findingLines(false), signature());
        }

        private String projectNumber() {
            return String.format(java.util.Locale.ROOT, "TF-%05d", facts.projectId());
        }

        private String onSiteDates() {
            if (onSite.isEmpty()) {
                return "—";
            }
            LocalDate first = onSite.get(0);
            LocalDate last = onSite.get(onSite.size() - 1);
            return first.equals(last) ? first.toString() : t.get("doc.audit.date_range", first, last);
        }

        private List<AuditReport.PartMethods> methods() {
            List<AuditReport.PartMethods> out = new ArrayList<>();
            for (var part : scheme.parts()) {
                Map<Method, Integer> counts = new EnumMap<>(Method.class);
                part.groups().forEach(g -> g.items().forEach(i -> i.methods().forEach(m -> counts.merge(m, 1, Integer::sum))));
                List<String> lines = new ArrayList<>();
                counts.forEach((m, n) -> lines.add(t.get("doc.audit.method_items", t.get("doc.audit.method." + m.name()), n)));
                out.add(new AuditReport.PartMethods(pick(part.titleZh(), part.titleEn()), lines));
            }
            return out;
        }

        private AuditReport.Results results() {
            Map<String, Map<String, Object>> rows = new HashMap<>();
            for (Object ro : list(sheet.get("items"))) {
                Map<String, Object> row = map(ro);
                rows.put(text(row.get("name")), row);
            }
            Map<String, String> naDecisions = new HashMap<>();
            for (Object o : list(sheet.get("notApplicableDecisions"))) {
                Map<String, Object> d = map(o);
                naDecisions.put(text(d.get("itemCode")), text(d.get("justification")));
            }
            List<AuditReport.PartBlock> parts = new ArrayList<>();
            BigDecimal naPoints = BigDecimal.ZERO;
            for (Object po : list(result.get("parts"))) {
                Map<String, Object> p = map(po);
                List<AuditReport.Row> partRows = new ArrayList<>();
                for (Object go : list(p.get("groups"))) {
                    Map<String, Object> g = map(go);
                    partRows.add(new AuditReport.Row(true, orDash(text(g.get("clause"))),
                            pick(text(g.get("titleZh")), text(g.get("titleEn"))), "", figure(g.get("points")), "",
                            percent(g.get("percentage")), figure(g.get("achieved")), false, null));
                    for (Object io : list(g.get("items"))) {
                        Map<String, Object> ir = map(io);
                        AuditReport.Row row = itemRow(ir, rows.getOrDefault(text(ir.get("code")), Map.of()), naDecisions);
                        if (row.notApplicable()) {
                            naPoints = naPoints.add(decimal(ir.get("points")));
                        }
                        partRows.add(row);
                    }
                }
                boolean evaluated = !Boolean.FALSE.equals(p.get("evaluated"));
                String partTitle = pick(text(p.get("titleZh")), text(p.get("titleEn")));
                String arithmetic = evaluated && p.get("score") != null && map(p.get("score")).size() > 0
                        ? t.get("doc.audit.arith.part", partTitle, figure(p.get("achieved")), figure(p.get("applicable")),
                        figure(p.get("points")), figure(p.get("score")))
                        : t.get("doc.audit.part_not_evaluated", partTitle);
                parts.add(new AuditReport.PartBlock(partTitle, figure(p.get("points")),
                        evaluated ? figure(p.get("score")) : t.get("doc.audit.not_evaluated"), percent(p.get("percentage")),
                        arithmetic, partRows));
            }
            List<AuditReport.Row> bonusRows = new ArrayList<>();
            for (Object bo : list(result.get("bonusItems"))) {
                Map<String, Object> ir = map(bo);
                bonusRows.add(itemRow(ir, rows.getOrDefault(text(ir.get("code")), Map.of()), naDecisions));
            }

            List<String> arithmetic = new ArrayList<>();
            boolean combined = result.get("total") != null && !map(result.get("total")).isEmpty();
            if (combined) {
                arithmetic.add(t.get("doc.audit.arith.achieved", figure(result.get("achieved")),
                        figure(result.get("applicable")), plain(naPoints)));
                arithmetic.add(t.get("doc.audit.arith.prorated", figure(result.get("achieved")),
                        figure(result.get("applicable")), figure(result.get("fullMarks")), figure(result.get("prorated"))));
                arithmetic.add(t.get("doc.audit.arith.total", figure(result.get("prorated")),
                        figure(result.get("deductedPoints")), figure(result.get("bonus")),
                        figure(result.get("bonusItemPoints")), figure(result.get("total"))));
            } else {
                arithmetic.add(t.get("doc.audit.arith.separately"));
            }
            for (AuditReport.PartBlock b : parts) {
                arithmetic.add(b.arithmetic());
            }

            List<AuditReport.AdjustmentLine> deductions = new ArrayList<>();
            List<AuditReport.AdjustmentLine> bonuses = new ArrayList<>();
            for (Object ao : list(sheet.get("adjustments"))) {
                Map<String, Object> a = map(ao);
                String kind = text(a.get("kind"));
                String where = String.join(" ", nonBlank(text(a.get("clause")), text(a.get("itemCode"))));
                AuditReport.AdjustmentLine line = new AuditReport.AdjustmentLine(t.get("doc.audit.adjustment." + kind),
                        where.isBlank() ? "—" : where, orDash(text(a.get("count"))),
                        a.get("totalPoints") == null ? "—" : plain(decimal(a.get("totalPoints"))), orDash(text(a.get("reason"))));
                if ("DEDUCTION".equals(kind)) {
                    deductions.add(line);
                } else {
                    bonuses.add(line);
                }
            }

            List<String> failReasons = new ArrayList<>();
            for (Object fo : list(result.get("failReasons"))) {
                Map<String, Object> m = map(map(fo).get("message"));
                // the snapshot keeps the rendered zh text; the code with its args renders in the report's language
                String code = text(m.get("code"));
                List<Object> args = list(m.get("args"));
                failReasons.add(code == null ? orDash(text(m.get("text")))
                        : t.get(code, args.stream().map(AuditReportModel::text).toArray()));
            }
            Map<String, Object> grade = map(result.get("grade"));
            boolean passed = Boolean.TRUE.equals(result.get("passed"));
            String total = combined ? printedTotal() : t.get("doc.audit.no_total");
            return new AuditReport.Results(total, figure(result.get("fullMarks")),
                    combined ? percent(result.get("percentage")) : "—",
                    grade.isEmpty() ? t.get("doc.audit.no_grade") : pick(text(grade.get("nameZh")), text(grade.get("nameEn"))),
                    t.get(passed ? "doc.audit.passed" : "doc.audit.failed"), failReasons, parts, bonusRows, arithmetic,
                    deductions, bonuses, t.get("doc.audit.averaging." + combinationKey()));
        }

        /** The total as documents print it ({@link Display#document}), as the certificate prints it too. */
        private String printedTotal() {
            String printed = text(result.get("printedTotal"));
            Map<String, Object> total = map(result.get("total"));
            String exact = total.isEmpty() ? text(result.get("total")) : text(total.get("exact"));
            String shown = Display.document(printed, exact == null ? null : Fraction.parse(exact));
            return shown != null ? shown : figure(result.get("total"));
        }

        private String combinationKey() {
            Map<String, Object> c = map(result.get("combination"));
            String raters = text(c.get("raters"));
            return raters == null ? "MEAN_PER_RATER" : raters;
        }

        private AuditReport.Row itemRow(Map<String, Object> ir, Map<String, Object> row, Map<String, String> naDecisions) {
            String code = text(ir.get("code"));
            String status = text(ir.get("status"));
            boolean na = "NOT_APPLICABLE".equals(status);
            String clause = orDash(text(ir.get("clause")));
            String item = pick(text(row.get("textZh")), text(row.get("textEn")));
            List<String> checked = new ArrayList<>();
            List<String> methodNames = new ArrayList<>();
            for (Object m : list(row.get("methods"))) {
                methodNames.add(t.get("doc.audit.method." + text(m)));
            }
            if (!methodNames.isEmpty()) {
                checked.add(String.join(t.get("doc.audit.list_separator"), methodNames));
            }
            int ratings = number(ir.get("ratings"));
            int raters = number(ir.get("raters"));
            if (ratings > 0) {
                checked.add(t.get("doc.audit.averaged", ratings, raters));
            }
            Map<String, Object> survey = map(row.get("survey"));
            if (!survey.isEmpty() && survey.get("score") != null) {
                checked.add(survey.get("scoreLow") != null && survey.get("scoreHigh") != null
                        ? t.get("doc.audit.survey_interval", plain(decimal(survey.get("score"))),
                        plain(decimal(survey.get("scoreLow"))), plain(decimal(survey.get("scoreHigh"))),
                        text(survey.get("answered")))
                        : t.get("doc.audit.survey", plain(decimal(survey.get("score"))), text(survey.get("answered"))));
            }
            String justification = null;
            if (na) {
                Set<String> reasons = new LinkedHashSet<>();
                if (naDecisions.containsKey(code)) {
                    reasons.add(naDecisions.get(code));
                }
                for (Object rt : list(row.get("ratings"))) {
                    Map<String, Object> r = map(rt);
                    // only what an announced visit wrote: a covert visit's words could tell the provider about it
                    if (!"COVERT".equals(text(r.get("mode"))) && Boolean.TRUE.equals(r.get("notApplicable"))
                            && r.get("notApplicableReason") instanceof String reason && !reason.isBlank()) {
                        reasons.add(reason);
                    }
                }
                justification = reasons.isEmpty() ? t.get("doc.audit.na_no_reason") : String.join("；", reasons);
            }
            String percent = na ? t.get("doc.audit.na") : "MISSING".equals(status) ? t.get("doc.audit.missing")
                    : percent(ir.get("percentage"));
            String score = na ? "0" : figure(ir.get("achieved"));
            return new AuditReport.Row(false, clause, item, String.join(t.get("doc.audit.clause_separator"), checked),
                    figure(ir.get("points")), code == null ? "" : code, percent, score, na, justification);
        }

        private List<AuditReport.GradeRow> grades() {
            Map<String, Object> grade = map(result.get("grade"));
            String achieved = text(grade.get("key"));
            List<AuditReport.GradeRow> out = new ArrayList<>();
            List<GradeTable.Level> levels = new ArrayList<>(scheme.grades().levels());
            for (int i = levels.size() - 1; i >= 0; i--) {
                GradeTable.Level l = levels.get(i);
                List<String> conditions = new ArrayList<>();
                for (GradeTable.PartCondition c : l.conditions()) {
                    var part = scheme.parts().stream().filter(p -> p.key().equals(c.part())).findFirst();
                    String name = part.map(p -> pick(p.titleZh(), p.titleEn())).orElse(c.part());
                    conditions.add(t.get(c.points() ? "doc.audit.grade.part_points" : "doc.audit.grade.part_percent",
                            name, plain(c.minimum())));
                }
                out.add(new AuditReport.GradeRow(pick(l.nameZh(), l.nameEn()),
                        l.minimum() == null ? "—" : t.get("doc.audit.grade.minimum", plain(l.minimum())),
                        String.join(t.get("doc.audit.list_separator"), conditions), Objects.equals(achieved, l.key())));
            }
            return out;
        }

        private AuditReport.Narrative narrativeBlock() {
            Map<String, Object> grade = map(result.get("grade"));
            String gradeName = grade.isEmpty() ? null : pick(text(grade.get("nameZh")), text(grade.get("nameEn")));
            String recommendation = narrative.recommend() && gradeName != null
                    ? t.get("doc.audit.recommend", gradeName)
                    : t.get("doc.audit.not_recommend");
            return new AuditReport.Narrative(paragraphs(narrative.strengths()), paragraphs(narrative.improvements()),
                    paragraphs(narrative.conclusion()), recommendation);
        }

        private List<AuditReport.FindingLine> findingLines(boolean nonconformities) {
            List<AuditReport.FindingLine> out = new ArrayList<>();
            for (Finding f : findings) {
                if (f.nonconformity() != nonconformities) {
                    continue;
                }
                String label = nonconformities ? t.get("doc.audit.severity." + (f.severity() == null ? "MINOR" : f.severity()))
                        : t.get("doc.audit.improvement");
                out.add(new AuditReport.FindingLine(label, orDash(f.clause()), orDash(f.itemCode()), f.text(),
                        f.deadline().toString()));
            }
            return out;
        }

        private AuditReport.Signature signature() {
            LocalDate date = narrative.reportDate() != null ? narrative.reportDate()
                    : signed.signedAt().atZone(BEIJING).toLocalDate();
            return new AuditReport.Signature(orDash(narrative.author()), orDash(narrative.reviewer()), date.toString(),
                    t.get("doc.audit.revision", signed.revision()), signed.sha256());
        }
    }

    // ---- reading the snapshot's JSON maps (CanonicalJson: BigInteger, Decimal; or plain Jackson numbers) ----

    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split("\\R")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static String orDash(@Nullable String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String text(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof CanonicalJson.Decimal d) {
            return d.text();
        }
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        return null;
    }

    private static int number(Object o) {
        String s = text(o);
        return s == null ? 0 : new BigDecimal(s).intValue();
    }

    private static BigDecimal decimal(Object o) {
        Map<String, Object> f = map(o);
        String s = f.isEmpty() ? text(o) : text(f.get("exact"));
        if (s == null) {
            return BigDecimal.ZERO;
        }
        return s.contains("/") ? Fraction.parse(s).toBigDecimal(2, RoundingMode.HALF_UP) : new BigDecimal(s);
    }

    /** An exact figure ({exact, display} or a plain number) rounded half-up to at most 2 decimals; "—" when absent. */
    private static String figure(Object o) {
        if (o == null || (o instanceof Map<?, ?> m && m.isEmpty())) {
            return "—";
        }
        return plain(decimal(o));
    }

    private static String percent(Object o) {
        return o == null || (o instanceof Map<?, ?> m && m.isEmpty()) ? "—" : figure(o) + "%";
    }

    static String plain(BigDecimal d) {
        BigDecimal r = d.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (r.signum() == 0 ? BigDecimal.ZERO : r).toPlainString();
    }

    static String dataUri(byte[] png) {
        return com.tanfang.document.pdf.PdfDocuments.dataUri(png);
    }



}
