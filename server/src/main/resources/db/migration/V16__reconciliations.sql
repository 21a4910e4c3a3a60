-- Issue 12, two raters reconciled (server/docs/evaluation.md#reconciliation): the lead's confirmed rating of one
-- item of one two-rater plan, with the reason. The two raters' answers (visit_answer) are never changed: a
-- reconciliation names them. A later reconciliation of the same pair supersedes the current one (history kept:
-- superseded_at / superseded_by set, the row itself never edited otherwise).
create table evaluation_reconciliation (
    id                     bigint generated always as identity primary key,
    project_id             bigint      not null references evaluation_project (id),
    plan_id                bigint      not null references visit_plan (id),
    item_code              text        not null check (length(item_code) between 1 and 200),
    first_answer_id        bigint      not null references visit_answer (id),
    second_answer_id       bigint      not null references visit_answer (id),
    value                  numeric(12, 4),
    not_applicable         boolean     not null default false,
    not_applicable_reason  text        check (not_applicable_reason is null or length(not_applicable_reason) <= 1000),
    reason                 text        not null check (length(reason) between 1 and 1000),
    decided_by             bigint      not null references app_user (id),
    decided_at             timestamptz not null,
    superseded_at          timestamptz,
    superseded_by          bigint      references evaluation_reconciliation (id),
    constraint evaluation_reconciliation_value check (not_applicable = (value is null)),
    constraint evaluation_reconciliation_two_answers check (first_answer_id <> second_answer_id)
);
create unique index evaluation_reconciliation_current on evaluation_reconciliation (plan_id, item_code)
    where superseded_at is null;
create index evaluation_reconciliation_project on evaluation_reconciliation (project_id, id);
