/**
 * Certification schemes as plain, framework-free Java.
 * <ul>
 *   <li>{@link com.tanfang.scheme.Scheme} and its parts, groups and items: the immutable model.</li>
 *   <li>{@link com.tanfang.scheme.SchemeDocument}: the JSON-friendly input form (nullable fields, enums as
 *       strings); {@link com.tanfang.scheme.SchemeValidator#validate(SchemeDocument)} reports every problem
 *       with a path and a code, or returns the scheme; {@link com.tanfang.scheme.SchemeDocuments#toDocument}
 *       exports it back.</li>
 *   <li>{@link com.tanfang.scheme.ItemTableCsv}: imports a leaf-item table shaped like gbt27922-items.csv.</li>
 *   <li>{@link com.tanfang.scheme.BuiltInSchemes}: the shipped schemes, single source of truth.</li>
 * </ul>
 * Product decisions where the sources are silent (BRIEF §6) are documented on the type they concern:
 * Likert tables on {@link com.tanfang.scheme.LikertMapping}, NUMERIC items on
 * {@link com.tanfang.scheme.NumericRange}, the deduction fail rule on {@link com.tanfang.scheme.SpecialRules},
 * part pass minimums on {@link com.tanfang.scheme.Part}, and per built-in scheme on its factory.
 */
package com.tanfang.scheme;
