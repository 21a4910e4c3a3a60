-- Task FINDINGS (issue 12): the lead's N/A decisions, special deductions and bonus, nonconformities and
-- improvement items with the client's answers, and the attachments (photos, PDF documents) they carry.
-- Bytes live in the content-addressed blob table (V13/V14); the rows here say who attached what to which project.

create table evaluation_attachment (
    id           bigint generated always as identity primary key,
    project_id   bigint      not null references evaluation_project (id),
    sha256       text        not null references blob (sha256),
    media_type   text        not null,
    size_bytes   integer     not null,
    kind         text        not null check (kind in ('PHOTO','DOCUMENT')),
    file_name    text        check (file_name is null or length(file_name) <= 200),
    uploaded_by  bigint      not null references app_user (id),
    by_client    boolean     not null,
    created_at   timestamptz not null default now()
);
create index evaluation_attachment_project on evaluation_attachment (project_id, id);

-- The lead's decision that an item does not apply to this provider (004 §6.1.5), with its justification.
create table evaluation_na_decision (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references evaluation_project (id),
    item_code       text        not null,
    justification   text        not null check (length(justification) between 1 and 2000),
    decided_by      bigint      not null references app_user (id),
    decided_at      timestamptz not null,
    withdrawn_at    timestamptz,
    withdrawn_by    bigint      references app_user (id),
    withdraw_reason text        check (withdraw_reason is null or length(withdraw_reason) <= 2000)
);
create unique index evaluation_na_decision_current on evaluation_na_decision (project_id, item_code)
    where withdrawn_at is null;

-- Special deductions (特殊扣分), the special bonus (特殊加分) and awarded bonus items (加分项).
create table evaluation_adjustment (
    id                 bigint generated always as identity primary key,
    project_id         bigint      not null references evaluation_project (id),
    kind               text        not null check (kind in ('DEDUCTION','BONUS','BONUS_ITEM')),
    item_code          text,
    clause             text        check (clause is null or length(clause) <= 100),
    deduction_count    integer     not null default 1 check (deduction_count between 1 and 20),
    points             numeric(12, 2),
    reason             text        not null check (length(reason) between 1 and 2000),
    visit_answer_ids   bigint[]    not null default '{}',
    photo_ids          bigint[]    not null default '{}',
    attachment_ids     bigint[]    not null default '{}',
    no_evidence_note   text        check (no_evidence_note is null or length(no_evidence_note) <= 2000),
    created_by         bigint      not null references app_user (id),
    created_at         timestamptz not null,
    withdrawn_at       timestamptz,
    withdrawn_by       bigint      references app_user (id),
    withdraw_reason    text        check (withdraw_reason is null or length(withdraw_reason) <= 2000)
);
create index evaluation_adjustment_project on evaluation_adjustment (project_id, id);

-- Nonconformities (不符合项, MAJOR / MINOR) and improvement items (改进项).
create table evaluation_finding (
    id                     bigint generated always as identity primary key,
    project_id             bigint      not null references evaluation_project (id),
    kind                   text        not null check (kind in ('NONCONFORMITY','IMPROVEMENT')),
    severity               text        check (severity in ('MAJOR','MINOR')),
    item_code              text,
    adjustment_id          bigint      references evaluation_adjustment (id),
    clause                 text        check (clause is null or length(clause) <= 100),
    finding                text        not null check (length(finding) between 1 and 4000),
    deadline               date        not null,
    owner                  text        check (owner is null or length(owner) <= 200),
    state                  text        not null check (state in ('DRAFT','ISSUED','ANSWERED','CLOSED')),
    visit_answer_ids       bigint[]    not null default '{}',
    attachment_ids         bigint[]    not null default '{}',
    corrective_action      text        check (corrective_action is null or length(corrective_action) <= 4000),
    answer_attachment_ids  bigint[]    not null default '{}',
    answered_by            bigint      references app_user (id),
    answered_at            timestamptz,
    sent_back_reason       text        check (sent_back_reason is null or length(sent_back_reason) <= 2000),
    answer_rounds          integer     not null default 0,
    issued_at              timestamptz,
    closed_at              timestamptz,
    created_by             bigint      not null references app_user (id),
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    constraint evaluation_finding_severity check ((kind = 'NONCONFORMITY') = (severity is not null))
);
create index evaluation_finding_project on evaluation_finding (project_id, id);
