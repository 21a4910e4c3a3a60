-- Issue 13: every generated deliverable (audit report, survey analysis report, certificate PDF) as stored: its
-- blob (content-addressed by SHA-256 in the blob store), what it was generated from (project, signed revision,
-- language, subject), who and when. One row per (kind, project, revision, language, subject): the same signed
-- revision always gives the same document, so a second generation finds the row instead of adding one.
create table generated_document (
    id          bigserial primary key,
    kind        text        not null,
    project_id  bigint      not null references evaluation_project (id),
    revision    integer     not null,
    language    text        not null,
    subject_id  bigint      not null,
    sha256      text        not null references blob (sha256),
    size_bytes  integer     not null,
    created_at  timestamptz not null,
    created_by  bigint references app_user (id),
    constraint generated_document_kind check (kind in ('AUDIT_REPORT', 'SURVEY_REPORT', 'CERTIFICATE')),
    constraint generated_document_language check (language in ('zh-CN', 'en')),
    constraint generated_document_revision check (revision > 0),
    constraint generated_document_sha256 check (sha256 ~ '^[0-9a-f]{64}$'),
    constraint generated_document_once unique (kind, project_id, revision, language, subject_id)
);
create index generated_document_project on generated_document (project_id, created_at);
