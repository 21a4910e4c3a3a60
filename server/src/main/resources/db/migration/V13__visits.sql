-- Covert and open visits (issue 10): plans, one visit per rater, answers with every earlier version kept, photos
-- in a content-addressed blob table, review comments, per-project rules and item choices.

-- Attachments, content-addressed: the SHA-256 of the bytes is the key, so one photo used twice is stored once.
create table blob (
    sha256      text        primary key,
    media_type  text        not null,
    size_bytes  integer     not null,
    content     bytea       not null,
    created_at  timestamptz not null default now(),
    constraint blob_sha256_hex check (sha256 ~ '^[0-9a-f]{64}$'),
    constraint blob_size check (size_bytes = octet_length(content))
);

-- The rules the lead sets for a project's visits (absent row = defaults, see server/docs/visits.md).
create table visit_settings (
    project_id          bigint      primary key references evaluation_project (id),
    on_site_audit_date  date,
    same_site_min_days  integer     not null default 30 check (same_site_min_days between 0 and 365),
    max_visits_per_day  integer     not null default 3 check (max_visits_per_day between 0 and 50),
    claim_hold_hours    integer     not null default 24 check (claim_hold_hours between 1 and 720),
    far_meters          integer     not null default 1000 check (far_meters between 50 and 100000),
    updated_at          timestamptz not null default now()
);

-- Per project and item: covert or open, guidance for the rater, required evidence.
create table visit_item_choice (
    project_id  bigint not null references evaluation_project (id),
    item_code   text   not null,
    mode        text   not null check (mode in ('COVERT','OPEN')),
    guidance_zh text   not null default '',
    guidance_en text   not null default '',
    evidence    text   not null default 'NONE' check (evidence in ('PHOTO','NOTE','NOTE_BELOW_BEST','NONE')),
    primary key (project_id, item_code)
);

-- The project's library of reusable review comments.
create table visit_comment_template (
    id          bigint generated always as identity primary key,
    project_id  bigint      not null references evaluation_project (id),
    text        text        not null,
    created_by  bigint      not null references app_user (id),
    created_at  timestamptz not null default now()
);
create index visit_comment_template_project on visit_comment_template (project_id, id);

create table visit_plan (
    id                bigint generated always as identity primary key,
    project_id        bigint      not null references evaluation_project (id),
    site_id           bigint      not null references site (id),
    location_id       bigint      references location (id),
    mode              text        not null check (mode in ('COVERT','OPEN')),
    window_from       timestamptz not null,
    window_to         timestamptz not null,
    time_of_day       text,
    raters            integer     not null check (raters in (1, 2)),
    report_due_hours  integer     not null check (report_due_hours between 1 and 720),
    scenario          text        not null default '',
    created_by        bigint      not null references app_user (id),
    created_at        timestamptz not null default now(),
    constraint visit_plan_window check (window_to > window_from)
);
create index visit_plan_project on visit_plan (project_id, window_from);

-- One rater's visit (a two-rater plan has two, slot 1 and 2). version is bumped by every state change and by
-- every change of the plan or the script: an edit sent from an older copy is refused (409).
create table visit (
    id                   bigint generated always as identity primary key,
    plan_id              bigint      not null references visit_plan (id),
    project_id           bigint      not null references evaluation_project (id),
    slot                 integer     not null check (slot in (1, 2)),
    rater_user_id        bigint      references app_user (id),
    state                text        not null default 'PLANNED'
        check (state in ('PLANNED','ASSIGNED','CLAIMED','IN_PROGRESS','SUBMITTED','RETURNED','APPROVED','REJECTED')),
    offered              boolean     not null default false,
    version              integer     not null default 1,
    claim_expires_at     timestamptz,
    check_in_server_at   timestamptz,
    check_in_device_at   timestamptz,
    check_in_skew_ms     bigint,
    check_in_latitude    double precision,
    check_in_longitude   double precision,
    check_in_accuracy_m  double precision,
    check_in_system      text check (check_in_system in ('WGS84','GCJ02')),
    check_in_distance_m  double precision,
    check_in_far         boolean,
    check_out_server_at  timestamptz,
    check_out_device_at  timestamptz,
    check_out_skew_ms    bigint,
    check_out_latitude   double precision,
    check_out_longitude  double precision,
    check_out_accuracy_m double precision,
    check_out_system     text check (check_out_system in ('WGS84','GCJ02')),
    check_out_distance_m double precision,
    check_out_far        boolean,
    first_submitted_at   timestamptz,
    submitted_at         timestamptz,
    decided_at           timestamptz,
    decision_reason      text,
    unique (plan_id, slot),
    constraint visit_rater_when_assigned check (state in ('PLANNED') or rater_user_id is not null)
);
create index visit_project on visit (project_id, state);
create index visit_rater on visit (rater_user_id, state);

-- Every version of every answer: the current one has superseded_at null. client_id is generated on the phone:
-- a retried upload finds its own row instead of adding one.
create table visit_answer (
    id                     bigint generated always as identity primary key,
    client_id              uuid        not null unique,
    visit_id               bigint      not null references visit (id),
    item_code              text        not null,
    value                  numeric(12, 4),
    not_applicable         boolean     not null default false,
    not_applicable_reason  text,
    note                   text,
    seconds_spent          integer     check (seconds_spent is null or seconds_spent >= 0),
    device_at              timestamptz,
    created_by             bigint      not null references app_user (id),
    created_at             timestamptz not null default now(),
    superseded_at          timestamptz
);
create unique index visit_answer_current on visit_answer (visit_id, item_code) where superseded_at is null;
create index visit_answer_history on visit_answer (visit_id, item_code, id);

create table visit_photo (
    id           bigint generated always as identity primary key,
    client_id    uuid             not null unique,
    visit_id     bigint           not null references visit (id),
    item_code    text,
    sha256       text             not null references blob (sha256),
    media_type   text             not null,
    size_bytes   integer          not null,
    captured_at  timestamptz,
    latitude     double precision,
    longitude    double precision,
    accuracy_m   double precision,
    created_by   bigint           not null references app_user (id),
    created_at   timestamptz      not null default now()
);
create index visit_photo_visit on visit_photo (visit_id, id);
create index visit_photo_sha on visit_photo (sha256);

-- The lead's comments when returning a visit (item_code null: about the whole visit); round = how many times
-- it had been returned before.
create table visit_comment (
    id          bigint generated always as identity primary key,
    visit_id    bigint      not null references visit (id),
    item_code   text,
    text        text        not null,
    round       integer     not null,
    created_by  bigint      not null references app_user (id),
    created_at  timestamptz not null default now()
);
create index visit_comment_visit on visit_comment (visit_id, id);
