-- The audit report's narrative (issue 13, server/docs/reports.md): what the lead writes in the app for the audit
-- report of one revision of a project's evaluation (strengths, improvement directions, conclusion, audit type,
-- author, reviewer, purpose, scope, report date). Kept per revision: a new revision's form starts from a copy of
-- the last one's. Once an audit report of the revision is stored (generated_document), the row is frozen: the
-- service refuses to save it (409), so the stored report always matches its narrative.
create table audit_report_narrative (
    project_id     bigint      not null references evaluation_project (id),
    revision       integer     not null check (revision >= 1),
    audit_type     text        not null check (audit_type in ('INITIAL','SURVEILLANCE','RECERTIFICATION')),
    purpose        text        not null default '' check (length(purpose) <= 1000),
    scope          text        not null default '' check (length(scope) <= 1000),
    strengths      text        not null default '' check (length(strengths) <= 4000),
    improvements   text        not null default '' check (length(improvements) <= 4000),
    conclusion     text        not null default '' check (length(conclusion) <= 4000),
    recommend      boolean     not null,
    author         text        not null default '' check (length(author) <= 100),
    reviewer       text        not null default '' check (length(reviewer) <= 100),
    report_date    date,
    version        integer     not null default 1 check (version >= 1),
    updated_at     timestamptz not null,
    updated_by     bigint      not null references app_user (id),
    primary key (project_id, revision)
);
