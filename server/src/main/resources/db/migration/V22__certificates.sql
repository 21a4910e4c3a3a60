-- Certificates (证书, issue 13, server/docs/certificates.md): one per signed-off and released revision of a project.
-- What the certificate states (organisation, site, scheme, scope, grade, audit report hash) is copied here at issue:
-- a certificate is a document, and renaming the organisation later must not change what was certified. The status
-- stored is the last one a person set (VALID, SUSPENDED, WITHDRAWN, CANCELLED); EXPIRED is computed on reading from
-- expires_on and the clock, never stored. public_id is the unguessable part of the public address /c/{public_id}.
create table certificate (
    id                   bigint generated always as identity primary key,
    public_id            text        not null unique check (public_id ~ '^[A-Za-z0-9_-]{32}$'),
    number               text        not null unique,
    number_year          integer     not null,
    number_sequence      integer     not null check (number_sequence >= 1),
    project_id           bigint      not null references evaluation_project (id),
    revision             integer     not null,
    revision_sha256      text        not null check (revision_sha256 ~ '^[0-9a-f]{64}$'),
    audit_report_sha256  text        not null check (audit_report_sha256 ~ '^[0-9a-f]{64}$'),
    organization_id      bigint      not null references organization (id),
    organization_name    text        not null,
    organization_name_en text,
    site_id              bigint      not null references site (id),
    site_name            text        not null,
    site_name_en         text,
    site_address         text,
    scheme_code          text        not null,
    scheme_version       integer     not null,
    scheme_title_zh      text        not null,
    scheme_title_en      text,
    scope_zh             text        not null check (length(scope_zh) between 1 and 500),
    scope_en             text        check (scope_en is null or length(scope_en) between 1 and 500),
    grade_key            text        not null,
    grade_name_zh        text        not null,
    grade_name_en        text,
    printed_total        text,
    full_marks           text,
    -- the radar chart of the parts as the public page draws it (RadarCharts.svg, both languages), fixed at issue
    radar_svg_zh         text,
    radar_svg_en         text,
    public_url           text        not null,
    issued_on            date        not null,
    expires_on           date        not null check (expires_on > issued_on),
    status               text        not null,
    status_changed_at    timestamptz not null,
    issued_at            timestamptz not null,
    issued_by            bigint      not null references app_user (id),
    constraint certificate_status_known check (status in ('VALID', 'SUSPENDED', 'WITHDRAWN', 'CANCELLED')),
    constraint certificate_one_per_revision unique (project_id, revision),
    constraint certificate_number_sequence unique (number_year, number_sequence)
);
create index certificate_organization on certificate (organization_id);

-- Every status change (issue included), with its reason and who made it; never updated or deleted.
create table certificate_status_change (
    id             bigint generated always as identity primary key,
    certificate_id bigint      not null references certificate (id),
    action         text        not null check (action in ('ISSUE', 'SUSPEND', 'RESTORE', 'WITHDRAW', 'CANCEL')),
    from_status    text,
    to_status      text        not null,
    reason         text        not null check (length(reason) between 1 and 1000),
    actor          bigint      not null references app_user (id),
    changed_at     timestamptz not null
);
create index certificate_status_change_certificate on certificate_status_change (certificate_id, id);
