package com.tanfang.visit;

/**
 * The lead's decision for one checklist item of a project: tested covertly or openly, what the rater is told
 * (guidance in both languages) and the evidence it requires.
 */
public record ItemChoice(String itemCode, VisitMode mode, String guidanceZh, String guidanceEn,
                         EvidenceRequirement evidence) {
    public ItemChoice {
        guidanceZh = guidanceZh == null ? "" : guidanceZh;
        guidanceEn = guidanceEn == null ? "" : guidanceEn;
        evidence = evidence == null ? EvidenceRequirement.NONE : evidence;
    }
}
