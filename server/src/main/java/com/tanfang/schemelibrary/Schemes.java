package com.tanfang.schemelibrary;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Decimals;
import com.tanfang.scheme.ItemTableCsv;
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
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Schemes and their versions: import (JSON or item-table CSV), drafts, cloning, publishing and dry-run
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

    /**
     * Imports an item table (the shape of {@code gbt27922-items.csv}, optionally with part_zh/part_en,
     * methods, answerType and notApplicableAllowed columns). Likert mapping, special rules, N/A clauses and
     * grades come from the latest published version of {@code template} (default: the GB/T 27922 built-in).
     * The template's grade minimums keep their share of full marks (70 of 100 becomes 105 of 150; 4 decimals).
     * Items without a method are OPEN_INSPECTION, without an answer type PERCENT, without N/A flag false;
     * parts without titles are titled by their key.
     */
    @Transactional
    public SchemeDtos.SchemeView importCsv(String csv, String code, @Nullable String titleZh, @Nullable String titleEn,
                                           @Nullable BigDecimal fullMarks, @Nullable String template, long userId) {
        Decimals.bounded("fullMarks", fullMarks); // before the grades are scaled with it
        ItemTableCsv.Result table = ItemTableCsv.parse(csv == null ? "" : csv);
        if (!table.valid()) {
            throw invalid("scheme.problems_in.item_table", table.problems());
        }
        String templateCode = template == null || template.isBlank() ? BuiltInSchemes.GBT27922 : template.trim();
        SchemeDocument base = schemes.findByCode(templateCode).flatMap(s -> latestPublished(s.id()))
                .map(v -> json.read(v.document()))
                .orElseThrow(() -> InvalidException.field("template", "scheme.no_published_code", templateCode));
        SchemeDocument skeleton = new SchemeDocument(code, titleZh, titleEn, null, null, fullMarks, base.likert(),
                base.special(), base.notApplicableClauses(), base.grades(), null);
        SchemeDocument doc = table.toDocument(skeleton);
        SchemeDocument filled = new SchemeDocument(doc.code(), doc.titleZh(), doc.titleEn(), null, null, doc.fullMarks(),
                doc.likert(), doc.special(), doc.notApplicableClauses(),
                scaledGrades(base.grades(), base.fullMarks(), doc.fullMarks()),
                doc.parts().stream().map(Schemes::withItemDefaults).toList());
        SchemeValidator.Result checked = SchemeValidator.validate(filled);
        if (!checked.valid()) {
            throw invalid("scheme.problems_in.item_table_scheme", checked.problems().stream().map(table::locate).toList());
        }
        return importDocument(filled, userId);
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

    private static List<SchemeDocument.Grade> scaledGrades(List<SchemeDocument.Grade> grades, BigDecimal from,
                                                          @Nullable BigDecimal to) {
        if (to == null || to.signum() <= 0 || from.compareTo(to) == 0) {
            return grades;
        }
        return grades.stream().map(g -> new SchemeDocument.Grade(g.key(), g.nameZh(), g.nameEn(),
                g.minimum().multiply(to).divide(from, 4, RoundingMode.HALF_UP).stripTrailingZeros())).toList();
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
