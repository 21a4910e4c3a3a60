package com.tanfang.evaluation.signoff;

import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evaluation.SheetStates;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Supplier;

/**
 * The sign-off state on the sheet: the current revision, its state and signed hash, and whether the live sheet
 * still hashes to it (computed only for a signed revision: the one case where it is asked).
 */
@Singleton
class SignOffStates implements SheetStates {
    private final RevisionStore store;
    private final SheetSnapshots snapshots;

    SignOffStates(RevisionStore store, SheetSnapshots snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    @Override
    public EvaluationDtos.SignOffState of(EvaluationDtos.Sheet sheet, Supplier<EvaluationDtos.Sheet> wholeSheet) {
        List<RevisionStore.Revision> revisions = store.list(sheet.projectId());
        String live = null;
        if (!revisions.isEmpty() && revisions.get(revisions.size() - 1).signed()) {
            live = SheetSnapshots.sha256(snapshots.canonical(wholeSheet.get()));
        }
        return state(revisions, live);
    }

    /** The state from the project's revisions (first to last) and, if known, the live sheet's hash. */
    static EvaluationDtos.SignOffState state(List<RevisionStore.Revision> revisions, String liveSha256) {
        Integer released = null;
        for (RevisionStore.Revision r : revisions) {
            if (r.released()) {
                released = r.number();
            }
        }
        if (revisions.isEmpty()) {
            return new EvaluationDtos.SignOffState(1, EvaluationDtos.EvaluationState.IN_PROGRESS, null, null, null,
                    liveSha256, false, null);
        }
        RevisionStore.Revision current = revisions.get(revisions.size() - 1);
        return new EvaluationDtos.SignOffState(current.number(), stateOf(current), current.sha256(), current.signedAt(),
                current.signedByName(), liveSha256,
                current.signed() && liveSha256 != null && !liveSha256.equals(current.sha256()), released);
    }

    static EvaluationDtos.EvaluationState stateOf(RevisionStore.Revision r) {
        return !r.signed() ? EvaluationDtos.EvaluationState.IN_PROGRESS
                : r.released() ? EvaluationDtos.EvaluationState.RELEASED : EvaluationDtos.EvaluationState.SIGNED_OFF;
    }
}
