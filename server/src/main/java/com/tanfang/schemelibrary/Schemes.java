package com.tanfang.schemelibrary;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Decimals;
import com.tanfang.scheme.ItemTableCsv;
import com.tanfang.scheme.ItemTableXlsx;
import com.tanfang.scheme.SchemeRulesTable;
import com.tanfang.scheme.TableText;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scheme.SchemeDocuments;
import com.tanfang.scheme.SchemeValidator;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.scoring.ScoringEngine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Schemes and their versions: import (JSON, or an item table as CSV or XLSX), drafts, cloning, publishing and dry-run
 * scoring. Every stored document has passed {@link SchemeValidator}; a published version is never changed.
 */
@Singleton
public class Schemes {
    private final SchemeRepository schemes;
    private final SchemeVersionRepository versions;
    private final SchemeJson json;

    public Schemes(SchemeRepository schemes, SchemeVersionRepository versions, SchemeJson json) {
        this.schemes = schemes;
        this.versions = versions;
        this.json = json;
    }

    public List<SchemeDtos.SchemeSummary> list() {
        Map<Long, List<SchemeVersion>> bySchemes = versions.listAllMetadata().stream()
                .collect(Collectors.groupingBy(SchemeVersion::schemeId));
        return schemes.listAll().stream().map(s -> {
            List<SchemeVersion> vs = bySchemes.getOrDefault(s.id(), List.of());
            Optional<SchemeVersion> published = vs.stream().filter(v -> !v.draft())
                    .max(Comparator.comparingInt(SchemeVersion::version));
            Optional<SchemeVersion> draft = vs.stream().filter(SchemeVersion::draft).findFirst();
            SchemeVersion newest = vs.stream().max(Comparator.comparingInt(SchemeVersion::version)).orElse(null);
            return new SchemeDtos.SchemeSummary(s.id(), s.code(), s.builtIn(),
                    newest == null ? null : newest.titleZh(), newest == null ? null : newest.titleEn(),
                    published.map(v -> SchemeDtos.VersionView.of(v, null)).orElse(null),
                    draft.map(v -> SchemeDtos.VersionView.of(v, null)).orElse(null));
        }).toList();
    }

    public SchemeDtos.SchemeView export(long id) {
        SchemeRecord s = scheme(id);
        return new SchemeDtos.SchemeView(s.id(), s.code(), s.builtIn(), s.createdAt(), s.createdBy(),
                versions.listBySchemeWithDocuments(id).stream()
                        .map(v -> SchemeDtos.VersionView.of(v, json.read(v.document()))).toList());
    }

    /** The published version with this id as a scheme; what projects pin and score with. */
    public Scheme published(long versionId, String field) {
        SchemeVersion v = versions.findWithDocument(versionId).filter(x -> !x.draft())
                .orElseThrow(() -> InvalidException.field(field, "scheme.no_published_version", versionId));
        return SchemeValidator.validate(json.read(v.document())).orThrow();
    }

    public SchemeDocument document(long id, int version) {
        return json.read(version(id, version).document());
    }

    /** A new scheme with draft version 1, or a new draft of an existing code that has none. */
    @Transactional
    public SchemeDtos.SchemeView importDocument(SchemeDocument doc, long userId) {
        valid(doc, "scheme.problems_in.document");
        Optional<SchemeRecord> existing = schemes.findByCode(doc.code().trim());
        if (existing.isEmpty()) {
            SchemeRecord s = schemes.save(new SchemeRecord(null, doc.code().trim(), false, null, userId));
            insertDraft(s.id(), 1, renamed(doc, s.code(), doc.titleZh(), doc.titleEn()), userId);
            return export(s.id());
        }
        SchemeRecord s = existing.get();
        draftOf(s.id()).ifPresent(d -> {
            throw ConflictException.field("code", "scheme.draft_exists_replace", s.code(), d.version(), s.id());
        });
        insertDraft(s.id(), versions.maxVersion(s.id()) + 1, renamed(doc, s.code(), doc.titleZh(), doc.titleEn()), userId);
        return export(s.id());
    }

    /** What a table import takes besides the tables themselves (all optional; the request wins over the rules table). */
    public record TableOptions(@Nullable String code, @Nullable String titleZh, @Nullable String titleEn,
                               @Nullable BigDecimal fullMarks, @Nullable String template, @Nullable Boolean passFailOnly,
                               @Nullable List<SchemeDocument.Grade> grades) {
    }

    /** The largest CSV file accepted as bytes (GBK takes two bytes per Chinese character). */
    public static final int CSV_MAX_BYTES = 2 * 1024 * 1024;

    /** An item table as text (already decoded), with an optional rules table as text. */
    @Transactional
    public SchemeDtos.ImportResult importCsv(String csv, @Nullable String rules, TableOptions o, long userId) {
        Decimals.bounded("fullMarks", o.fullMarks());
        ItemTableCsv.Result table = ItemTableCsv.parse(csv == null ? "" : csv);
        SchemeRulesTable.Rules r = rules == null || rules.isBlank() ? null : rulesFromCsv(rules);
        return importParsed(table, r, o, userId);
    }

    /**
     * An uploaded table as bytes: XLSX (item sheet and optional rules sheet, see {@link ItemTableXlsx}) or CSV in
     * UTF-8, GB18030/GBK or UTF-16 with a BOM ({@link TableText}; {@code charset} names it instead of detecting),
     * with an optional rules file (CSV or XLSX). Problems name {@code file}, {@code rules} or the place in them.
     */
    @Transactional
    public SchemeDtos.ImportResult importTable(byte[] file, @Nullable byte[] rules, @Nullable String charset,
                                               TableOptions o, long userId) {
        Decimals.bounded("fullMarks", o.fullMarks());
        if (file == null || file.length == 0) {
            throw InvalidException.field("file", "table.empty_file");
        }
        ItemTableCsv.Result table;
        SchemeRulesTable.Rules fromWorkbook = null;
        if (ItemTableXlsx.looksLikeXls(file)) {
            throw InvalidException.field("file", "xlsx.old_format");
        } else if (ItemTableXlsx.looksLikeXlsx(file)) {
            ItemTableXlsx.Workbook book = ItemTableXlsx.read(file, "file");
            if (!book.valid()) {
                throw invalid("scheme.problems_in.item_table", book.problems());
            }
            table = ItemTableCsv.parse(book.items(), book.itemSheet() + "!1");
            if (book.rules() != null) {
                fromWorkbook = SchemeRulesTable.parse(book.rules());
            }
        } else {
            if (file.length > CSV_MAX_BYTES) {
                throw InvalidException.field("file", "table.csv_too_large", CSV_MAX_BYTES / (1024 * 1024));
            }
            table = ItemTableCsv.parse(TableText.decode(file, charset, "file"));
        }
        SchemeRulesTable.Rules r = fromWorkbook;
        if (rules != null && rules.length > 0) {
            if (fromWorkbook != null) {
                throw InvalidException.field("rules", "scheme.import.rules_twice");
            }
            if (ItemTableXlsx.looksLikeXlsx(rules)) {
                ItemTableXlsx.Workbook book = ItemTableXlsx.read(rules, "rules");
                if (!book.valid()) {
                    throw invalid("scheme.problems_in.item_table", book.problems());
                }
                r = SchemeRulesTable.parse(book.rules() != null ? book.rules() : book.items());
            } else if (ItemTableXlsx.looksLikeXls(rules)) {
                throw InvalidException.field("rules", "xlsx.old_format");
            } else {
                if (rules.length > CSV_MAX_BYTES) {
                    throw InvalidException.field("rules", "table.csv_too_large", CSV_MAX_BYTES / (1024 * 1024));
                }
                r = rulesFromCsv(TableText.decode(rules, charset, "rules"));
            }
        }
        return importParsed(table, r, o, userId);
    }

    /** Rules from a CSV: its lines are named {@code rules line 4} (the item table has {@code line 4} too). */
    private static SchemeRulesTable.Rules rulesFromCsv(String text) {
        SchemeRulesTable.Rules r = SchemeRulesTable.parse(text);
        if (r.valid()) {
            return r;
        }
        throw invalid("scheme.problems_in.rules_table", r.problems().stream()
                .map(p -> p.field().startsWith("line ") ? p.at("rules " + p.field()) : p).toList());
    }

    /**
     * The document made of an item table and its rules. Scheme-level rules come from the rules table when there
     * is one (the template is then not used: 400 on {@code template} if one is named), else Likert mapping,
     * special rules and N/A clauses from the latest published version of {@code template} (default: the GB/T
     * 27922 built-in). Grades: the request's {@code grades} or {@code passFailOnly}, else the rules table's,
     * else the template's ONLY when its full marks equal the table's (never scaled: a 150-point table with a
     * 100-point template's grades would get the wrong grade); otherwise a 400 on {@code grades} asking for a grade
     * table or pass/fail. Every default applied is listed in the result's {@code defaults}: items without a
     * method are OPEN_INSPECTION, without an answer type PERCENT, without an N/A flag false; parts without titles
     * are titled by their key; no Likert mapping is LINEAR.
     */
    private SchemeDtos.ImportResult importParsed(ItemTableCsv.Result table, @Nullable SchemeRulesTable.Rules rules,
                                                 TableOptions o, long userId) {
        if (!table.valid()) {
            throw invalid("scheme.problems_in.item_table", table.problems());
        }
        if (rules != null && !rules.valid()) {
            throw invalid("scheme.problems_in.rules_table", rules.problems());
        }
        List<Message> defaults = new java.util.ArrayList<>();
        BigDecimal fullMarks = o.fullMarks() != null ? o.fullMarks()
                : rules != null && rules.fullMarks() != null ? rules.fullMarks() : table.partPoints();
        SchemeDocument base;
        List<SchemeDocument.Grade> templateGrades = null;
        BigDecimal templateFullMarks = null;
        String templateCode = null;
        if (rules != null) {
            if (o.template() != null && !o.template().isBlank()) {
                throw InvalidException.field("template", "scheme.import.template_with_rules");
            }
            if (rules.likert() == null) {
                defaults.add(Message.of("scheme.import.default.likert"));
            }
            SchemeDocument r = rules.skeleton();
            base = new SchemeDocument(first(o.code(), r.code()), first(o.titleZh(), r.titleZh()),
                    first(o.titleEn(), r.titleEn()), r.descriptionZh(), r.descriptionEn(), fullMarks, r.likert(),
                    r.special(), r.notApplicableClauses(), r.grades(), null, r.reporting(), r.combination(),
                    r.bonusItems(), r.display());
        } else {
            templateCode = o.template() == null || o.template().isBlank() ? BuiltInSchemes.GBT27922 : o.template().trim();
            String code = templateCode;
            SchemeDocument template = schemes.findByCode(templateCode).flatMap(s -> latestPublished(s.id()))
                    .map(v -> json.read(v.document()))
                    .orElseThrow(() -> InvalidException.field("template", "scheme.no_published_code", code));
            templateGrades = template.grades();
            templateFullMarks = template.fullMarks();
            defaults.add(Message.of("scheme.import.default.template", templateCode));
            base = new SchemeDocument(o.code(), o.titleZh(), o.titleEn(), null, null, fullMarks, template.likert(),
                    template.special(), template.notApplicableClauses(), null, null);
        }
        List<SchemeDocument.Grade> grades;
        boolean passFail = Boolean.TRUE.equals(o.passFailOnly());
        if (passFail && o.grades() != null && !o.grades().isEmpty()) {
            throw InvalidException.field("grades", "scheme.import.grades_and_pass_fail");
        } else if (passFail) {
            grades = List.of();
        } else if (o.grades() != null) {
            grades = o.grades();
        } else if (base.grades() != null) {
            grades = base.grades();
        } else if (templateGrades != null && templateFullMarks != null && templateFullMarks.compareTo(fullMarks) == 0) {
            grades = templateGrades;
            defaults.add(Message.of("scheme.import.default.template_grades", templateCode));
        } else {
            throw InvalidException.field("grades", "scheme.import.grades_needed", fullMarks,
                    templateCode == null ? "-" : templateCode, templateFullMarks == null ? "-" : templateFullMarks);
        }
        SchemeDocument doc = table.toDocument(base);
        SchemeDocument filled = new SchemeDocument(doc.code(), doc.titleZh(), doc.titleEn(), doc.descriptionZh(),
                doc.descriptionEn(), doc.fullMarks(), doc.likert(), doc.special(), doc.notApplicableClauses(), grades,
                doc.parts().stream().map(Schemes::withItemDefaults).toList(), doc.reporting(), doc.combination(),
                doc.bonusItems(), doc.display());
        itemDefaults(doc, defaults);
        SchemeValidator.Result checked = SchemeValidator.validate(filled);
        if (!checked.valid()) {
            throw invalid("scheme.problems_in.item_table_scheme", checked.problems().stream().map(table::locate).toList());
        }
        SchemeDtos.SchemeView view = importDocument(filled, userId);
        return new SchemeDtos.ImportResult(view.id(), view.code(), view.builtIn(), view.createdAt(), view.createdBy(),
                view.versions(), defaults);
    }

    private static String first(@Nullable String a, @Nullable String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** Says how many items got which default (the table left the column out or the cell empty). */
    private static void itemDefaults(SchemeDocument doc, List<Message> defaults) {
        long methods = 0, answerType = 0, na = 0, titles = 0;
        for (SchemeDocument.Part p : doc.parts()) {
            if (p.titleZh() == null || p.titleEn() == null) {
                titles++;
            }
            for (SchemeDocument.Group g : p.groups()) {
                for (SchemeDocument.Item i : g.items()) {
                    methods += i.methods() == null ? 1 : 0;
                    answerType += i.answerType() == null ? 1 : 0;
                    na += i.notApplicableAllowed() == null ? 1 : 0;
                }
            }
        }
        if (methods > 0) {
            defaults.add(Message.of("scheme.import.default.methods", methods));
        }
        if (answerType > 0) {
            defaults.add(Message.of("scheme.import.default.answer_type", answerType));
        }
        if (na > 0) {
            defaults.add(Message.of("scheme.import.default.not_applicable", na));
        }
        if (titles > 0) {
            defaults.add(Message.of("scheme.import.default.part_titles", titles));
        }
    }

    /** Replaces the draft's document; 409 when the scheme has no draft (a published version never changes). */
    @Transactional
    public SchemeDtos.VersionView replaceDraft(long id, SchemeDocument doc, long userId) {
        SchemeRecord s = scheme(id);
        SchemeVersion draft = draftOf(id).orElseThrow(() -> noDraft(s));
        valid(doc, "scheme.problems_in.document");
        if (!doc.code().trim().equalsIgnoreCase(s.code())) {
            throw new InvalidException(Message.of("scheme.draft_keeps_code"),
                    List.of(FieldProblem.of("code", "code.mismatch", s.code())));
        }
        SchemeDocument stored = renamed(doc, s.code(), doc.titleZh(), doc.titleEn());
        if (versions.updateDraft(draft.id(), json.write(stored), stored.titleZh(), stored.titleEn()) != 1) {
            throw noDraft(s);
        }
        return SchemeDtos.VersionView.of(version(id, draft.version()), stored);
    }

    /** A draft copied from the latest published version, for editing. */
    @Transactional
    public SchemeDtos.VersionView createDraft(long id, long userId) {
        SchemeRecord s = scheme(id);
        draftOf(id).ifPresent(d -> {
            throw ConflictException.of("scheme.draft_exists", s.code(), d.version());
        });
        SchemeVersion source = latestPublished(id).orElseThrow(() -> ConflictException.of("scheme.nothing_published", s.code()));
        int number = versions.maxVersion(id) + 1;
        insertDraft(id, number, json.read(source.document()), userId);
        SchemeVersion created = version(id, number);
        return SchemeDtos.VersionView.of(created, json.read(created.document()));
    }

    /** A new scheme whose draft version 1 is a copy of a version of this one, under another code. */
    @Transactional
    public SchemeDtos.SchemeView cloneScheme(long id, SchemeDtos.CloneInput in, long userId) {
        SchemeRecord s = scheme(id);
        SchemeVersion source = in.version() != null ? version(id, in.version())
                : latestPublished(id).or(() -> draftOf(id)).orElseThrow(() -> NotFoundException.of("not_found.scheme_version_any"));
        String code = in.code().trim();
        if (schemes.findByCode(code).isPresent()) {
            throw ConflictException.field("code", "scheme.code_taken", code);
        }
        SchemeDocument doc = json.read(source.document());
        SchemeDocument copy = renamed(doc, code, in.titleZh() == null ? doc.titleZh() : in.titleZh(),
                in.titleEn() == null ? doc.titleEn() : in.titleEn());
        valid(copy, "scheme.problems_in.clone");
        SchemeRecord created = schemes.save(new SchemeRecord(null, code, false, null, userId));
        insertDraft(created.id(), 1, copy, userId);
        return export(created.id());
    }

    /** The draft becomes an immutable published version (it keeps its number). */
    @Transactional
    public SchemeDtos.VersionView publish(long id, long userId) {
        SchemeRecord s = scheme(id);
        SchemeVersion draft = draftOf(id).orElseThrow(() -> noDraft(s));
        SchemeDocument doc = json.read(draft.document());
        valid(doc, "scheme.problems_in.draft");
        if (versions.publish(draft.id(), userId) != 1) {
            throw noDraft(s);
        }
        return SchemeDtos.VersionView.of(version(id, draft.version()), doc);
    }

    /** Scores without storing anything. */
    public ScoreResult score(long id, int version, SchemeDtos.ScoreRequest in) {
        Scheme scheme = SchemeValidator.validate(document(id, version)).orThrow();
        try {
            return new ScoringEngine(scheme).score(in.ratings() == null ? List.of() : in.ratings(),
                    in.deductions() == null ? List.of() : in.deductions(), in.bonus(),
                    in.vetoes() == null ? List.of() : in.vetoes());
        } catch (InvalidException e) {
            throw invalid("scheme.problems_in.ratings", e.problems());
        }
    }

    /**
     * Stores the built-in schemes that are not there yet, each as published version 1, and publishes a changed
     * built-in as its next version ({@link #loadPublished}). Safe to run on every start and from several
     * instances at once: the unique indexes on the code and on (scheme, version) decide who inserts.
     */
    @Transactional
    public int loadBuiltIns() {
        return loadPublished(BuiltInSchemes.all());
    }

    /**
     * Stores each scheme whose code is not taken as built-in, published version 1; for a built-in already stored
     * whose bundled document differs from its latest published version, publishes the bundled one as the next
     * version (so existing databases get changed built-in rules; projects stay pinned to the version they chose);
     * a draft open at the time moves up and stays the newest version.
     * Returns how many versions it published.
     */
    @Transactional
    public int loadPublished(List<Scheme> list) {
        int loaded = 0;
        for (Scheme builtIn : list) {
            SchemeDocument doc = SchemeDocuments.toDocument(builtIn);
            if (schemes.insertIfAbsent(builtIn.code(), true, null) == 1) {
                SchemeRecord s = schemes.findByCode(builtIn.code()).orElseThrow();
                versions.insert(s.id(), 1, SchemeVersion.Status.PUBLISHED, json.write(doc), doc.titleZh(), doc.titleEn(), null, null);
                loaded++;
                continue;
            }
            SchemeRecord s = schemes.findByCode(builtIn.code()).orElseThrow();
            if (!s.builtIn()) {
                continue; // a scheme of the users' own with that code is never overwritten
            }
            Optional<SchemeVersion> latest = latestPublished(s.id());
            if (latest.isPresent() && latest.get().document() != null && json.read(latest.get().document()).equals(doc)) {
                continue;
            }
            // A draft open meanwhile stays the newest version (publishing it later must make it the latest, not a
            // version older than this one): the new version takes the draft's number and the draft moves up.
            // Several instances starting at once: the renumbering (guarded by the draft's old number) and the
            // (scheme, version) key let exactly one of them do it.
            Optional<SchemeVersion> draft = draftOf(s.id());
            int number = versions.maxVersion(s.id()) + 1;
            if (draft.isPresent()) {
                if (versions.renumberDraft(draft.get().id(), draft.get().version(), number) != 1) {
                    continue;
                }
                number = draft.get().version();
            }
            loaded += versions.insertPublishedIfAbsent(s.id(), number, json.write(doc), doc.titleZh(), doc.titleEn());
        }
        return loaded;
    }

    // ------------------------------------------------------------------ helpers

    private SchemeRecord scheme(long id) {
        return schemes.findById(id).orElseThrow(() -> NotFoundException.of("not_found.scheme", id));
    }

    private SchemeVersion version(long id, int version) {
        scheme(id);
        return versions.find(id, version).orElseThrow(() -> NotFoundException.of("not_found.scheme_version", version, id));
    }

    private Optional<SchemeVersion> draftOf(long id) {
        return versions.findDraft(id);
    }

    private Optional<SchemeVersion> latestPublished(long id) {
        return versions.findLatestPublished(id);
    }

    private void insertDraft(long schemeId, int number, SchemeDocument doc, long userId) {
        versions.insert(schemeId, number, SchemeVersion.Status.DRAFT, json.write(doc), doc.titleZh(), doc.titleEn(), userId, null);
    }

    private static ConflictException noDraft(SchemeRecord s) {
        return ConflictException.of("scheme.no_draft", s.code(), s.id());
    }

    private static void valid(SchemeDocument doc, String whatCode) {
        SchemeValidator.Result r = SchemeValidator.validate(doc);
        if (!r.valid()) {
            throw invalid(whatCode, r.problems());
        }
    }

    /** Every problem in one 400; {@code whatCode} names the input, e.g. {@code scheme.problems_in.item_table}. */
    private static InvalidException invalid(String whatCode, List<FieldProblem> problems) {
        return new InvalidException(Message.of(whatCode, problems.size()), problems);
    }

    private static SchemeDocument renamed(SchemeDocument d, String code, String titleZh, String titleEn) {
        return new SchemeDocument(code, titleZh, titleEn, d.descriptionZh(), d.descriptionEn(), d.fullMarks(),
                d.likert(), d.special(), d.notApplicableClauses(), d.grades(), d.parts(), d.reporting(), d.combination(),
                d.bonusItems(), d.display());
    }

    private static SchemeDocument.Part withItemDefaults(SchemeDocument.Part p) {
        return new SchemeDocument.Part(p.key(), p.titleZh() == null ? p.key() : p.titleZh(),
                p.titleEn() == null ? p.key() : p.titleEn(), p.points(), p.passMinimum(),
                p.groups().stream().map(g -> new SchemeDocument.Group(g.clause(), g.titleZh(), g.titleEn(), g.points(),
                        g.items().stream().map(i -> new SchemeDocument.Item(i.clause(), i.code(), i.points(), i.textZh(),
                                i.textEn(), i.methods() == null ? List.of(Method.OPEN_INSPECTION.name()) : i.methods(),
                                i.answerType() == null ? AnswerType.PERCENT.name() : i.answerType(),
                                i.notApplicableAllowed() == null ? Boolean.FALSE : i.notApplicableAllowed(),
                                i.numeric(), i.veto())).toList())).toList(), p.passMinimumPoints(), p.gatedBy());
    }
}
