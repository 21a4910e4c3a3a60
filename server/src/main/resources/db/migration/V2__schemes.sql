-- Evaluation schemes and their versions. A version is a DRAFT (editable) or PUBLISHED (immutable: scores
-- pin a version id and must be recomputable years later). At most one draft per scheme.
create table scheme (
    id          bigint generated always as identity primary key,
    code        text        not null,
    built_in    boolean     not null default false,
    created_at  timestamptz not null default now(),
    created_by  bigint      references app_user (id)
);
create unique index scheme_code_uq on scheme (lower(code));

create table scheme_version (
    id            bigint generated always as identity primary key,
    scheme_id     bigint      not null references scheme (id),
    version       integer     not null,
    status        text        not null,
    -- The validated SchemeDocument (jsonb keeps numbers exact: numeric).
    document      jsonb       not null,
    title_zh      text,
    title_en      text,
    created_at    timestamptz not null default now(),
    created_by    bigint      references app_user (id),
    updated_at    timestamptz not null default now(),
    published_at  timestamptz,
    published_by  bigint      references app_user (id),
    constraint scheme_version_status_known check (status in ('DRAFT', 'PUBLISHED')),
    constraint scheme_version_published_at check ((status = 'PUBLISHED') = (published_at is not null)),
    constraint scheme_version_positive check (version > 0)
);
create unique index scheme_version_uq on scheme_version (scheme_id, version);
create unique index scheme_version_one_draft on scheme_version (scheme_id) where status = 'DRAFT';

-- A published version never changes and is never deleted, whatever the application does.
create function scheme_version_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'PUBLISHED' then
        raise exception 'scheme version % is published and cannot be changed', old.id
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger scheme_version_immutable before update or delete on scheme_version
    for each row execute function scheme_version_immutable();
