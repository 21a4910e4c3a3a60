package com.tanfang.export;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evaluation.Evaluations;
import com.tanfang.evaluation.finding.FindingDtos;
import com.tanfang.evaluation.finding.Findings;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scoring.Fraction;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The four exports (server/docs/exports.md). Every one checks the caller's role and the object first (404 for what
 * the caller may not see, through {@link Access} and the loaders that call it), then opens its rows: the survey
 * responses and call-back items through a cursor ({@link CursorSource}), the sheet and the findings from their own
 * services' views (so the export shows exactly what the screen shows, blind rule and client view included).
 */
@Singleton
public class Exports {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final DataSource pool;
    private final Access access;
    private final Campaigns campaigns;
    private final Projects projects;
    private final Evaluations evaluations;
    private final Findings findings;
    /** Cursor exports hold a pooled connection for their whole length: at most this many at once (then 429). */
    private final Semaphore cursors;

    public Exports(DataSource dataSource, Access access, Campaigns campaigns, Projects projects,
                   Evaluations evaluations, Findings findings,
                   @Value("${tanfang.exports.concurrent:3}") int concurrent) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.access = access;
        this.campaigns = campaigns;
        this.projects = projects;
        this.evaluations = evaluations;
        this.findings = findings;
        this.cursors = new Semaphore(Math.max(1, concurrent));
    }

    /**
     * A file to send: its name (Chinese title, ASCII fallback, without extension), its streamed body, and what it is
     * for the evidence log (which export of which campaign or project, in which language).
     */
    public record Download(String title, String asciiTitle, ExportFormat format, java.io.InputStream body,
                           String export, Subject subject, Language language) {
    }

    // ---- survey responses ----

    /**
     * Every response of the campaign, one row each (excluded and superseded ones too, marked), one column per
     * question. Phone numbers are never decrypted: the cell says whether one was left (or purged), nothing more.
     */
    public Download responses(long campaignId, ExportFormat format, Language language, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        List<SurveyQuestion> questions = campaigns.questions(campaignId);
        ExportText t = new ExportText(language);
        List<String> headers = new ArrayList<>(t.headers("responses", "id", "submitted_at", "channel", "point_code",
                "point"));
        for (SurveyQuestion q : questions) {
            headers.add(t.get("responses.question", q.position(), t.english() ? q.textEn() : q.textZh()));
        }
        headers.addAll(t.headers("responses", "flags", "excluded", "excluded_reason", "superseded_by", "phone",
                "comment"));
        ResponseRows.Texts texts = new ResponseRows.Texts(t.value("ONLINE"), t.value("OFFLINE"),
                t.get("value.DONT_KNOW"), t.get("value.NOT_APPLICABLE"), t.yesNo(true), t.yesNo(false),
                t.get("value.PHONE_LEFT"), t.get("value.PHONE_PURGED"));
        RowSource rows = merged(ResponseRows.RESPONSES, st -> st.setLong(1, campaignId), t.get("responses.sheet"),
                headers, ResponseRows.factory(campaignId, questions.stream().map(SurveyQuestion::id).toList(), texts));
        return new Download(c.titleZh() + " " + t.get("responses.file"), asciiTitle(c, "responses"), format,
                new ExportBody(format, t.get("responses.sheet"), rows), "responses",
                new Subject(SubjectType.CAMPAIGN, campaignId), language);
    }

    // ---- call-back items ----

    private static final String CALLBACK_ITEMS = """
            select l.code, l.name, ci.position, ci.added_as, ci.outcome, q.position, ci.failed_attempts,
                   ci.closed_at, u.display_name, ci.caused_exclusion, ci.response_id
              from callback_item ci
              join callback_draw d on d.id = ci.draw_id
              join survey_point p on p.id = ci.point_id
              join location l on l.id = p.location_id
              left join app_user u on u.id = ci.assigned_to
              left join survey_question q on q.id = ci.differs_question_id
             where d.campaign_id = ? and d.superseded_at is null and ci.called
               and (? or ci.assigned_to = ?)
             order by l.code, ci.position, ci.id""";

    /**
     * The called items of the campaign's current draw, one row each: point, place in the sample, how it was added,
     * outcome, attempts, who works it. The audit team (ADMIN, LEAD, AUDITOR on the team) gets every item; a VERIFIER
     * on the team only the items assigned to it, as its queue shows them. No phone numbers.
     */
    public Download callBacks(long campaignId, ExportFormat format, Language language, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        boolean all = caller.isAdmin() || caller.has(Role.LEAD) || caller.has(Role.AUDITOR);
        if (!all && !caller.has(Role.VERIFIER)) {
            throw ForbiddenException.of("problem.forbidden");
        }
        ExportText t = new ExportText(language);
        List<String> headers = t.headers("callbacks", "point_code", "point", "position", "added_as", "outcome",
                "differs_question", "failed_attempts", "closed_at", "verifier", "caused_exclusion", "response_id");
        String pending = t.value("PENDING");
        RowSource rows = cursor(CALLBACK_ITEMS, st -> {
            st.setLong(1, campaignId);
            st.setBoolean(2, all);
            st.setLong(3, caller.userId());
        }, t.get("callbacks.sheet"), headers, rs -> {
            List<Object> cells = new ArrayList<>(11);
            cells.add(rs.getString(1));
            cells.add(rs.getString(2));
            cells.add(rs.getInt(3));
            cells.add(t.value(rs.getString(4)));
            String outcome = rs.getString(5);
            cells.add(outcome == null ? pending : t.value(outcome));
            int q = rs.getInt(6);
            cells.add(rs.wasNull() ? null : q);
            cells.add(rs.getInt(7));
            cells.add(beijing(rs.getObject(8, OffsetDateTime.class)));
            cells.add(rs.getString(9));
            cells.add(t.yesNo(rs.getBoolean(10)));
            cells.add(rs.getLong(11));
            return cells;
        });
        return new Download(c.titleZh() + " " + t.get("callbacks.file"), asciiTitle(c, "callbacks"), format,
                new ExportBody(format, t.get("callbacks.sheet"), rows), "callbacks",
                new Subject(SubjectType.CAMPAIGN, campaignId), language);
    }

    // ---- evaluation sheet ----

    /**
     * The evaluation sheet as the caller reads it on screen ({@link Evaluations#sheet}: the team's staff and ADMIN;
     * the blind rule applies): one row per item with its ratings and its score, then the parts.
     */
    public Download evaluation(long projectId, ExportFormat format, Language language, Caller caller) {
        EvaluationDtos.Sheet sheet = evaluations.sheet(projectId, caller);
        ExportText t = new ExportText(language);
        Map<String, ScoreResult.ItemResult> scored = new HashMap<>();
        for (ScoreResult.PartResult part : sheet.result().parts()) {
            for (ScoreResult.GroupResult g : part.groups()) {
                for (ScoreResult.ItemResult i : g.items()) {
                    scored.put(i.code(), i);
                }
            }
        }
        for (ScoreResult.ItemResult i : sheet.result().bonusItems()) {
            scored.putIfAbsent(i.code(), i);
        }
        List<List<?>> items = new ArrayList<>();
        for (EvaluationDtos.ItemRow row : sheet.items()) {
            ScoreResult.ItemResult r = scored.get(row.code() != null ? row.code() : row.clause());
            String ratings = row.ratings().stream().map(v -> (v.raterName() != null ? v.raterName() : v.rater()) + ": "
                            + (v.notApplicable() ? t.get("value.NOT_APPLICABLE")
                            : v.value() == null ? "" : v.value().stripTrailingZeros().toPlainString()))
                    .collect(Collectors.joining("; "));
            items.add(Arrays.asList(row.partKey(), row.groupClause(), row.clause(), row.code(), row.name(),
                    t.english() ? row.textEn() : row.textZh(), row.points(),
                    row.methods().stream().map(Enum::name).collect(Collectors.joining(" ")),
                    row.ratings().size(), ratings.isEmpty() ? null : ratings,
                    row.survey() == null ? null : row.survey().score(),
                    r == null ? null : t.value(r.status()),
                    r == null ? null : decimal(r.coefficient() == null ? null : r.coefficient().multiply(Fraction.HUNDRED)),
                    r == null ? null : decimal(r.achieved()), r == null ? null : decimal(r.applicable()),
                    r == null ? null : decimal(r.percentage())));
        }
        List<List<?>> parts = new ArrayList<>();
        for (ScoreResult.PartResult p : sheet.result().parts()) {
            parts.add(Arrays.asList(p.key(), t.english() ? p.titleEn() : p.titleZh(), decimal(p.points()),
                    t.yesNo(p.evaluated()), decimal(p.achieved()), decimal(p.applicable()), decimal(p.percentage()),
                    decimal(p.score()), p.passed() == null ? null : t.yesNo(p.passed())));
        }
        ScoreResult res = sheet.result();
        parts.add(Arrays.asList(t.get("evaluation.total"), null, decimal(res.fullMarks()), null, decimal(res.achieved()),
                decimal(res.applicable()), decimal(res.percentage()), decimal(res.total()), t.yesNo(res.passed())));
        ListSource source = new ListSource(List.of(
                new ListSource.Table(t.get("evaluation.sheet"), t.headers("evaluation", "part", "group", "clause",
                        "code", "name", "text", "points", "methods", "ratings", "rating_values", "survey_score",
                        "status", "coefficient_pct", "achieved", "applicable", "percentage"), items),
                new ListSource.Table(t.get("evaluation.parts_sheet"), t.headers("evaluation", "part", "part_title",
                        "points", "evaluated", "achieved", "applicable", "percentage", "score", "passed"), parts)));
        return new Download(sheet.title() + " " + t.get("evaluation.file"), asciiTitle(sheet.titleEn(), projectId,
                "evaluation"), format, new ExportBody(format, t.get("evaluation.sheet"), source), "evaluation",
                new Subject(SubjectType.PROJECT, projectId), language);
    }

    // ---- nonconformities and improvement items ----

    /**
     * The project's nonconformities and improvement items: the team (ADMIN, LEAD, AUDITOR on the team) gets its
     * findings page's list; a CLIENT its own organisation's issued ones as its page shows them (never the visit
     * answers cited, never who on the team wrote them).
     */
    public Download findings(long projectId, ExportFormat format, Language language, Caller caller) {
        ExportText t = new ExportText(language);
        List<List<?>> rows = new ArrayList<>();
        String title;
        String titleEn;
        List<String> headers = new ArrayList<>(t.headers("findings", "id", "kind", "severity", "clause", "item_code",
                "finding", "deadline", "owner", "state", "overdue", "corrective_action", "answered_at", "issued_at",
                "closed_at"));
        if (caller.confinedToOwnOrganization()) {
            FindingDtos.ClientPage page = findings.clientPage(projectId, caller);
            title = page.title();
            titleEn = page.titleEn();
            for (FindingDtos.ClientFindingView f : page.findings()) {
                rows.add(Arrays.asList(f.id(), t.value(f.kind()), t.value(f.severity()), f.clause(), f.itemCode(),
                        f.finding(), f.deadline(), f.owner(), t.value(f.state()), t.yesNo(f.overdue()),
                        f.correctiveAction(), beijing(f.answeredAt()), beijing(f.issuedAt()), beijing(f.closedAt())));
            }
        } else {
            EvaluationProject p = projects.get(projectId, caller);
            title = p.title();
            titleEn = p.titleEn();
            headers.add(t.get("findings.created_by"));
            for (FindingDtos.FindingView f : findings.page(projectId, caller).findings()) {
                rows.add(Arrays.asList(f.id(), t.value(f.kind()), t.value(f.severity()), f.clause(), f.itemCode(),
                        f.finding(), f.deadline(), f.owner(), t.value(f.state()), t.yesNo(f.overdue()),
                        f.correctiveAction(), beijing(f.answeredAt()), beijing(f.issuedAt()), beijing(f.closedAt()),
                        f.createdBy()));
            }
        }
        ListSource source = new ListSource(List.of(new ListSource.Table(t.get("findings.sheet"), headers, rows)));
        return new Download(title + " " + t.get("findings.file"), asciiTitle(titleEn, projectId, "findings"), format,
                new ExportBody(format, t.get("findings.sheet"), source), "findings",
                new Subject(SubjectType.PROJECT, projectId), language);
    }

    // ---- helpers ----

    private RowSource cursor(String sql, CursorSource.Binder binder, String table, List<String> headers,
                             CursorSource.RowMapper mapper) {
        CursorSource.MapperFactory factory = cursors -> mapper;
        return merged(sql, binder, table, headers, factory);
    }

    /** A cursor whose mapper reads lookups and side cursors in the same transaction first. */
    private RowSource merged(String sql, CursorSource.Binder binder, String table, List<String> headers,
                             CursorSource.MapperFactory mapper) {
        if (!cursors.tryAcquire()) {
            throw new TooManyRequestsException(Message.of("export.busy"), 10, List.of());
        }
        CursorSource source;
        try {
            source = CursorSource.open(pool, sql, binder, table, headers, mapper);
        } catch (RuntimeException e) {
            cursors.release();
            throw e;
        }
        return new RowSource() {
            private boolean released;

            @Override
            public boolean write(TableSink sink, int max) throws java.io.IOException {
                return source.write(sink, max);
            }

            @Override
            public synchronized void close() {
                source.close();
                if (!released) {
                    released = true;
                    cursors.release();
                }
            }
        };
    }

    static LocalDateTime beijing(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(BEIJING).toLocalDateTime();
    }

    static LocalDateTime beijing(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, BEIJING);
    }

    private static BigDecimal decimal(Fraction f) {
        return f == null ? null : f.toBigDecimal(2, RoundingMode.HALF_UP);
    }

    private static String asciiTitle(SurveyCampaign c, String what) {
        return c.titleEn() == null || c.titleEn().isBlank() ? "survey-" + c.id() + "-" + what : c.titleEn() + " " + what;
    }

    private static String asciiTitle(String titleEn, long projectId, String what) {
        return titleEn == null || titleEn.isBlank() ? "project-" + projectId + "-" + what : titleEn + " " + what;
    }
}
