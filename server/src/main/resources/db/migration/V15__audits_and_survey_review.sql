-- Issue 12, task AUDIT: the management audit (管理审核) and capability verification (能力验证) are visit modes
-- (same plans, copies, answers, photos and review as covert and open visits: server/docs/visits.md), and the
-- lead's recorded decisions on low-scoring survey items (server/docs/evaluation.md, "Survey review").

alter table visit_item_choice drop constraint visit_item_choice_mode_check;
alter table visit_item_choice add constraint visit_item_choice_mode_check
    check (mode in ('COVERT','OPEN','MANAGEMENT_AUDIT','CAPABILITY_VERIFICATION'));
alter table visit_plan drop constraint visit_plan_mode_check;
alter table visit_plan add constraint visit_plan_mode_check
    check (mode in ('COVERT','OPEN','MANAGEMENT_AUDIT','CAPABILITY_VERIFICATION'));

-- How an audit answer was confirmed (optional; only audit modes send it).
alter table visit_answer add column way text
    check (way is null or way in ('DOCUMENT_REVIEW','INTERVIEW','ON_SITE'));

-- One decision of the lead on a low-scoring survey item of the project's counted campaign: enlarge the sample,
-- check on site, or accept. Never updated: a later decision on the same item supersedes it (the latest row per
-- project and item is the current one); earlier ones stay readable.
create table survey_review_decision (
    id           bigint generated always as identity primary key,
    project_id   bigint      not null references evaluation_project (id),
    campaign_id  bigint      not null references survey_campaign (id),
    question_id  bigint      not null references survey_question (id),
    item_code    text        not null,
    decision     text        not null check (decision in ('ENLARGE_SAMPLE','CHECK_ON_SITE','ACCEPT')),
    note         text        not null check (length(btrim(note)) between 1 and 2000),
    score        numeric(7, 2),
    decided_by   bigint      not null references app_user (id),
    decided_at   timestamptz not null
);
create index survey_review_decision_project on survey_review_decision (project_id, item_code, id);
