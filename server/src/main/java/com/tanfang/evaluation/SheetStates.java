package com.tanfang.evaluation;

import io.micronaut.core.annotation.Nullable;

import java.util.function.Supplier;

/**
 * The sign-off state a sheet reports (implemented in evaluation.signoff, which depends on this package: the
 * interface keeps the dependency one way).
 */
public interface SheetStates {
    /**
     * @param sheet     the sheet as its caller reads it
     * @param wholeSheet the whole sheet (the record's view: nothing hidden by the blind rule), computed only if needed
     */
    @Nullable
    EvaluationDtos.SignOffState of(EvaluationDtos.Sheet sheet, Supplier<EvaluationDtos.Sheet> wholeSheet);
}
