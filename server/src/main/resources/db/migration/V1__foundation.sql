-- Accounts. Roles live in a text array: a user may hold several (e.g. LEAD and AUDITOR).
create table app_user (
    id               bigint generated always as identity primary key,
    username         text        not null,
    display_name     text        not null,
    password_hash    text        not null,
    roles            text[]      not null,
    organization_id  bigint,
    enabled          boolean     not null default true,
    -- Bumped on password change, reset, disable or role change: tokens carry it, older ones stop working.
    token_version    integer     not null default 1,
    must_change_password boolean not null default false,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint app_user_roles_known check (roles <@ array['ADMIN','LEAD','AUDITOR','SHOPPER','VERIFIER','CLIENT']::text[]),
    constraint app_user_roles_nonempty check (cardinality(roles) > 0)
);
create unique index app_user_username_ci on app_user (lower(username));

-- Failed-login throttle, shared by every server instance. Keyed by lower(username).
create table login_throttle (
    username_key   text primary key,
    failures       integer     not null default 0,
    last_failure   timestamptz not null default now(),
    locked_until   timestamptz
);

-- Secrets every instance must share (the JWT signing key unless TANFANG_JWT_SECRET is set).
create table server_secret (
    name       text primary key,
    value      text not null,
    created_at timestamptz not null default now()
);

-- Client organisations, their sites and the sub-locations inside a site.
create table organization (
    id          bigint generated always as identity primary key,
    name        text        not null,
    name_en     text,
    credit_code text,
    contact     text,
    phone       text,
    created_at  timestamptz not null default now()
);
create unique index organization_name_uq on organization (lower(name));

alter table app_user add constraint app_user_org_fk foreign key (organization_id) references organization (id);

create table site (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organization (id),
    name            text        not null,
    name_en         text,
    kind            text        not null,
    address         text,
    latitude        double precision,
    longitude       double precision,
    created_at      timestamptz not null default now(),
    constraint site_kind_known check (kind in ('ESTATE','SHOP','BRANCH','BUS_LINE','HOMESTAY','CARE_HOME','PARK','OTHER')),
    constraint site_lat check (latitude is null or latitude between -90 and 90),
    constraint site_lon check (longitude is null or longitude between -180 and 180)
);
create unique index site_name_uq on site (organization_id, lower(name));

create table location (
    id          bigint generated always as identity primary key,
    site_id     bigint      not null references site (id),
    parent_id   bigint      references location (id),
    kind        text        not null,
    code        text        not null,
    name        text        not null,
    households  integer,
    sort_order  integer     not null default 0,
    created_at  timestamptz not null default now(),
    constraint location_kind_known check (kind in ('BUILDING','STAIRWELL','COUNTER','ENTRANCE','FLOOR','STOP','AREA','OTHER')),
    constraint location_households check (households is null or households >= 0)
);
create unique index location_code_uq on location (site_id, lower(code));
create index location_site on location (site_id, sort_order, id);
