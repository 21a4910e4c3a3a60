package com.tanfang.visit;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a visit needs before it can be submitted: every item of its script answered (a value, or N/A with a
 * reason where the scheme allows it) and the evidence the project requires for it.
 */
public final class SubmissionCheck {
    private SubmissionCheck() {
    }

    /**
     * @param answers current answers by item code
     * @param photos  number of photos by item code
     * @return every problem, fields named {@code items[<code>].value} etc.
     */
    public static List<FieldProblem> problems(Checklist checklist, Map<String, Answer> answers,
                                              Map<String, Integer> photos) {
        List<FieldProblem> out = new ArrayList<>();
        for (Checklist.ChecklistItem item : checklist.items()) {
            String f = "items[" + item.code() + "].";
            Answer a = answers.get(item.code());
            if (a == null || (!a.notApplicable() && a.value() == null)) {
                out.add(FieldProblem.of(f + "value", "visit.item_unanswered", item.clause()));
                continue;
            }
            out.addAll(a.check(item, f));
            if (a.notApplicable()) {
                continue;
            }
            switch (item.evidence()) {
                case PHOTO -> {
                    if (photos.getOrDefault(item.code(), 0) == 0) {
                        out.add(FieldProblem.of(f + "photos", "visit.photo_required", item.clause()));
                    }
                }
                case NOTE -> {
                    if (!a.hasNote()) {
                        out.add(FieldProblem.of(f + "note", "visit.note_required", item.clause()));
                    }
                }
                case NOTE_BELOW_BEST -> {
                    if (a.belowBest(item) && !a.hasNote()) {
                        out.add(FieldProblem.of(f + "note", "visit.note_required_below_best", item.clause()));
                    }
                }
                case NONE -> {
                }
            }
        }
        return out;
    }

    /** Throws the problems as one 400 saying the visit is incomplete. */
    public static void require(Checklist checklist, Map<String, Answer> answers, Map<String, Integer> photos) {
        List<FieldProblem> p = problems(checklist, answers, photos);
        if (!p.isEmpty()) {
            throw new InvalidException(Message.of("visit.incomplete", p.size()), p);
        }
    }
}
