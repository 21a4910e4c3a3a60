-- Evaluation projects and the customer-perception survey (BRIEF.md section 2).

create table evaluation_project (
    id                bigint generated always as identity primary key,
    organization_id   bigint      not null references organization (id),
    site_id           bigint      not null references site (id),
    -- The published scheme version every score of this project is computed with.
    scheme_version_id bigint      not null references scheme_version (id),
    evaluation_type   text        not null,
    title             text        not null,
    lead_user_id      bigint      not null references app_user (id),
    -- Phone numbers are purged this many days after the last campaign closes.
    retention_days    integer     not null default 180,
    created_at        timestamptz not null default now(),
    constraint project_type_known check (evaluation_type in ('INITIAL','SURVEILLANCE','RECERTIFICATION')),
    constraint project_retention check (retention_days between 1 and 3650)
);

create table project_member (
    project_id bigint not null references evaluation_project (id),
    user_id    bigint not null references app_user (id),
    primary key (project_id, user_id)
);

create table survey_campaign (
    id               bigint generated always as identity primary key,
    project_id       bigint      not null references evaluation_project (id),
    title_zh         text        not null,
    title_en         text,
    intro_zh         text,
    intro_en         text,
    opens_at         timestamptz not null,
    closes_at        timestamptz not null,
    english          boolean     not null default true,
    phone_mode       text        not null default 'OPTIONAL',
    overall_question boolean     not null default true,
    comment_allowed  boolean     not null default true,
    -- Call-back sampling (issue 5): the seed stays secret until the sample is drawn; its hash is public.
    callback_seed    text        not null,
    callback_seed_sha256 text    not null,
    callback_rate    numeric(5,4) not null default 0.10,
    -- Items whose score (0-100 through the Likert mapping) falls below this are highlighted.
    low_score_threshold numeric(6,2) not null default 70,
    created_at       timestamptz not null default now(),
    constraint campaign_window check (closes_at > opens_at),
    constraint campaign_phone_mode check (phone_mode in ('REQUIRED','OPTIONAL','OFF')),
    constraint campaign_rate check (callback_rate > 0 and callback_rate <= 1)
);

-- The questionnaire, copied from the scheme's customer-survey items when the campaign is created.
create table survey_question (
    id          bigint generated always as identity primary key,
    campaign_id bigint   not null references survey_campaign (id),
    position    integer  not null,
    item_code   text,
    text_zh     text     not null,
    text_en     text     not null,
    overall     boolean  not null default false,
    unique (campaign_id, position)
);

create table survey_point (
    id          bigint generated always as identity primary key,
    campaign_id bigint      not null references survey_campaign (id),
    location_id bigint      not null references location (id),
    token       text        not null unique,
    revoked_at  timestamptz,
    created_at  timestamptz not null default now()
);
create unique index survey_point_active on survey_point (campaign_id, location_id) where revoked_at is null;

create table survey_response (
    id              bigint generated always as identity primary key,
    campaign_id     bigint      not null references survey_campaign (id),
    point_id        bigint      not null references survey_point (id),
    channel         text        not null,
    -- Client-generated: a retried submit finds its first response instead of creating a second.
    submission_id   text        not null,
    browser_id      text,
    client_ip       text,
    user_agent      text,
    started_at      timestamptz,
    submitted_at    timestamptz not null default now(),
    language        text,
    phone_cipher    text,
    phone_hash      text,
    phone_purged_at timestamptz,
    comment         text,
    entered_by      bigint      references app_user (id),
    second_auditor  bigint      references app_user (id),
    staff_absent_attested boolean not null default false,
    excluded        boolean     not null default false,
    excluded_reason text,
    excluded_by     bigint      references app_user (id),
    excluded_at     timestamptz,
    constraint response_channel check (channel in ('ONLINE','OFFLINE')),
    constraint response_offline_attested check (channel = 'ONLINE' or staff_absent_attested),
    constraint response_exclusion check (not excluded or excluded_reason is not null),
    unique (campaign_id, submission_id)
);
create index survey_response_campaign on survey_response (campaign_id, point_id);
create index survey_response_browser on survey_response (campaign_id, browser_id) where browser_id is not null;
create index survey_response_ip_time on survey_response (campaign_id, client_ip, submitted_at);

-- One row per answered question; a null value is "don't know".
create table survey_answer (
    response_id bigint   not null references survey_response (id),
    question_id bigint   not null references survey_question (id),
    value       smallint,
    primary key (response_id, question_id),
    constraint answer_range check (value is null or value between 1 and 5)
);

-- Fraud signals are recorded, never silently acted on.
create table response_flag (
    id          bigint generated always as identity primary key,
    response_id bigint      not null references survey_response (id),
    kind        text        not null,
    reason      text        not null,
    created_at  timestamptz not null default now()
);
create index response_flag_response on response_flag (response_id);

-- Fixed-window request counters shared by every instance (per IP, per survey point).
create table rate_window (
    key          text        not null,
    window_start timestamptz not null,
    hits         integer     not null,
    primary key (key, window_start)
);

-- Who did what to survey evidence (exclusions, token revocations, reveals of phone numbers).
create table evidence_log (
    id          bigint generated always as identity primary key,
    campaign_id bigint      references survey_campaign (id),
    response_id bigint      references survey_response (id),
    user_id     bigint      references app_user (id),
    action      text        not null,
    detail      text,
    at          timestamptz not null default now()
);
create index evidence_log_campaign on evidence_log (campaign_id, at);
