-- One tamper-evident evidence log (issue 8): append-only, hash-chained. The byte format is documented in
-- server/docs/evidence-log.md; com.tanfang.evidence.EvidenceChain implements the same in Java.

-- Canonical JSON of a jsonb value: object keys sorted by code point (collate "C" compares UTF-8 bytes, which is
-- the same order), no whitespace, strings escaped as PostgreSQL's to_json does (\" \\ \b \f \n \r \t, other
-- control characters as \u00xx, everything else as is), numbers as jsonb prints them. The application's
-- canonical form (Java) and Python's json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False)
-- produce the same bytes for the details the application writes (ASCII keys; strings, integers, booleans, null).
create function evidence_canonical_json(j jsonb) returns text
    language sql immutable strict parallel safe as $$
select case jsonb_typeof(j)
    when 'object' then '{' || coalesce((select string_agg(to_json(e.key)::text || ':' || evidence_canonical_json(e.value),
                                                          ',' order by e.key collate "C")
                                        from jsonb_each(j) e), '') || '}'
    when 'array' then '[' || coalesce((select string_agg(evidence_canonical_json(a.value), ',' order by a.n)
                                       from jsonb_array_elements(j) with ordinality a(value, n)), '') || ']'
    else j::text
end
$$;

-- The canonical content of one row, as UTF-8 text:
-- seq|prev_hash|at (UTC, microseconds)|actor (empty when none)|subject_type|subject_id|action|canonical detail
create function evidence_canonical_content(seq bigint, prev_hash text, at timestamptz, actor bigint,
                                           subject_type text, subject_id bigint, action text, detail jsonb)
    returns text language sql immutable parallel safe
return seq::text || '|' || prev_hash || '|' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    || '|' || coalesce(actor::text, '') || '|' || subject_type || '|' || subject_id::text || '|' || action
    || '|' || evidence_canonical_json(detail);

alter table evidence_log rename to evidence_log_v3;
alter index evidence_log_campaign rename to evidence_log_v3_campaign;

create table evidence_log (
    -- The row's id and its place in the chain: 1, 2, 3, ... without gaps (assigned under an advisory lock).
    seq          bigint      primary key,
    subject_type text        not null,
    subject_id   bigint      not null,
    -- The user who acted; null for the public (a respondent) or the system.
    actor        bigint      references app_user (id),
    at           timestamptz not null,
    action       text        not null,
    detail       jsonb       not null,
    -- The previous row's hash; 64 zeros for seq 1.
    prev_hash    text        not null,
    -- Lowercase hex SHA-256 of evidence_canonical_content(...) in UTF-8.
    hash         text        not null,
    constraint evidence_seq_positive check (seq > 0),
    constraint evidence_subject_type check (subject_type in ('CAMPAIGN','SURVEY_POINT','RESPONSE','CALLBACK_ITEM',
        'USER','PROJECT','SCHEME_VERSION','VISIT','EVALUATION','REPORT','CERTIFICATE')),
    constraint evidence_action_format check (action ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    constraint evidence_detail_object check (jsonb_typeof(detail) = 'object'),
    constraint evidence_hash_format check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')
);
create index evidence_log_subject on evidence_log (subject_type, subject_id, seq);
create index evidence_log_campaign on evidence_log (((detail ->> 'campaignId')::bigint), seq)
    where detail ? 'campaignId';

-- Migrate and chain the V3 rows here, in SQL, in the migration's own transaction: the chain is complete the
-- moment the schema exists, so no application start ever sees unchained rows and the append-only trigger below
-- needs no exception for a one-time fill. Every V3 row was written with a campaign (SurveyRepositories.Evidence
-- was the only writer and always passed one); a row with a response is about that response.
do $$
declare
    r record;
    prev text := repeat('0', 64);
    n bigint := 0;
    d jsonb;
    subject text;
    sid bigint;
    h text;
begin
    if exists (select 1 from evidence_log_v3 where campaign_id is null and response_id is null) then
        raise exception 'evidence_log has rows with neither campaign nor response: cannot assign them a subject';
    end if;
    for r in select * from evidence_log_v3 order by at, id loop
        n := n + 1;
        subject := case when r.response_id is not null then 'RESPONSE' else 'CAMPAIGN' end;
        sid := coalesce(r.response_id, r.campaign_id);
        d := jsonb_strip_nulls(jsonb_build_object('campaignId', r.campaign_id, 'text', r.detail, 'migratedFrom',
                                                  'evidence_log v3 id ' || r.id));
        h := encode(sha256(convert_to(evidence_canonical_content(n, prev, date_trunc('microseconds', r.at), r.user_id,
                                                                 subject, sid, r.action, d), 'UTF8')), 'hex');
        insert into evidence_log (seq, subject_type, subject_id, actor, at, action, detail, prev_hash, hash)
        values (n, subject, sid, r.user_id, date_trunc('microseconds', r.at), r.action, d, prev, h);
        prev := h;
    end loop;
end $$;

drop table evidence_log_v3;

-- Append-only: no row is ever changed or removed, not even by the application's own database role.
-- (A superuser can still disable triggers; what the chain proves against that is in docs/evidence-log.md.)
create function evidence_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'evidence_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger evidence_log_no_update before update or delete on evidence_log
    for each row execute function evidence_log_refuse_change();
create trigger evidence_log_no_truncate before truncate on evidence_log
    for each statement execute function evidence_log_refuse_change();

-- A response carries why it was excluded, so counting results needs no call-back table (issue 8: no
-- survey <-> verification cycle). LEAD_REVIEW: a lead's review; CALLBACK_DENIED: the respondent denied answering.
alter table survey_response add column excluded_cause text;
update survey_response r set excluded_cause = case
        when exists (select 1 from callback_item ci where ci.response_id = r.id and ci.caused_exclusion)
            then 'CALLBACK_DENIED' else 'LEAD_REVIEW' end
    where r.excluded;
alter table survey_response add constraint response_exclusion_cause
    check ((excluded and excluded_cause is not null and excluded_cause in ('LEAD_REVIEW','CALLBACK_DENIED'))
           or (not excluded and excluded_cause is null));
