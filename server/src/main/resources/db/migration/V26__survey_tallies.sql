-- Survey results kept as tallies instead of recounted (issue 14): the results of a 100,000-response campaign
-- joined and grouped its 700,000 answers on every read (200-230 ms, growing with the campaign). Now they read at
-- most one row per (point, channel, question, value, state) plus the changes not yet folded in.
--
-- How the tallies stay equal to a recount, whatever writes the answers and responses:
--  * Triggers on survey_answer, survey_response and response_flag append signed changes (+n / -n) to the
--    *_tally_change tables, in the writing transaction: a rolled-back write leaves no change, a committed one
--    its change. Appending never waits for another transaction (no counter row is locked by a submission;
--    V24 shows what one hot counter row per key did to concurrent submissions).
--  * survey_tally_fold() moves committed changes into the tallies, each table in one statement (delete ...
--    returning, summed into the tally rows), so a reader sees a change either in the change table or in the
--    tally, never in both or neither. It runs every few seconds (SurveyTallyFolding), on one instance at a time.
--  * A reader sums tally and changes in one statement (one snapshot).
-- The state of a response in a tally: C counted, D excluded because the respondent denied on a call-back
-- (counted again in the "before call-backs" view), X excluded otherwise. Superseded responses are in no tally.
-- Don't-knows and N/As are stored with value 0 (a primary key column cannot be null); not_applicable tells them
-- apart, as in survey_answer.

create function survey_tally_state(excluded boolean, excluded_cause text, superseded_by bigint) returns char(1)
    language sql immutable as $$
    select case when superseded_by is not null then null
                when not excluded then 'C'
                when excluded_cause = 'CALLBACK_DENIED' then 'D'
                else 'X' end
$$;

-- Where a response counts, read by its key. A PL/pgSQL function (never inlined), not a join in the triggers
-- below: without statistics on a transition table the planner joined it to all of survey_response with a seq
-- scan, and PL/pgSQL kept that plan as the table grew (8,230 rows read per submission in survey-load.sh); the
-- function's equality lookup on the primary key is an index scan whatever the table's size.
create type survey_tally_place as (campaign_id bigint, point_id bigint, channel text, state char(1));
create function survey_tally_of(response bigint) returns survey_tally_place language plpgsql stable as $$
declare
    place survey_tally_place;
begin
    select campaign_id, point_id, channel, survey_tally_state(excluded, excluded_cause, superseded_by)
      into place from survey_response where id = response;
    return place;
end $$;

create table survey_answer_tally (
    campaign_id    bigint   not null,
    point_id       bigint   not null,
    channel        text     not null,
    question_id    bigint   not null,
    value          smallint not null,
    not_applicable boolean  not null,
    state          char(1)  not null,
    n              bigint   not null,
    primary key (campaign_id, point_id, channel, question_id, value, not_applicable, state)
);

create table survey_answer_tally_change (like survey_answer_tally);
-- No index: a read scans at most the few seconds of changes since the last fold (of every campaign), and an
-- index would be one more write for each of a submission's answers.

create table survey_response_tally (
    campaign_id bigint  not null,
    point_id    bigint  not null,
    channel     text    not null,
    state       char(1) not null,
    flagged     boolean not null,
    n           bigint  not null,
    primary key (campaign_id, point_id, channel, state, flagged)
);

create table survey_response_tally_change (like survey_response_tally);

-- What is already there, counted once.
insert into survey_answer_tally
select r.campaign_id, r.point_id, r.channel, a.question_id, coalesce(a.value, 0), a.not_applicable,
       survey_tally_state(r.excluded, r.excluded_cause, r.superseded_by), count(*)
  from survey_answer a join survey_response r on r.id = a.response_id
 where r.superseded_by is null
 group by 1, 2, 3, 4, 5, 6, 7;

insert into survey_response_tally
select r.campaign_id, r.point_id, r.channel, survey_tally_state(r.excluded, r.excluded_cause, r.superseded_by),
       exists (select 1 from response_flag f where f.response_id = r.id), count(*)
  from survey_response r
 where r.superseded_by is null
 group by 1, 2, 3, 4, 5;

-- Answers added (the trigger's argument 1) or removed (-1), as the transition table "changed": their responses'
-- current state (answers are written after their response and removed before it).
create function survey_answer_tally_changed() returns trigger language plpgsql as $$
begin
    insert into survey_answer_tally_change
    select r.campaign_id, r.point_id, r.channel, a.question_id, coalesce(a.value, 0), a.not_applicable, r.state,
           tg_argv[0]::int * count(*)
      from (select distinct response_id from changed) d, lateral survey_tally_of(d.response_id) r, changed a
     where a.response_id = d.response_id and r.state is not null
     group by 1, 2, 3, 4, 5, 6, 7;
    return null;
end $$;

create trigger survey_answer_tally_insert after insert on survey_answer
    referencing new table as changed for each statement execute function survey_answer_tally_changed('1');
create trigger survey_answer_tally_delete after delete on survey_answer
    referencing old table as changed for each statement execute function survey_answer_tally_changed('-1');
-- Answers are never changed in place (an amendment is a new response superseding the old); should one be, it
-- counts as removed and added.
create trigger survey_answer_tally_update_removed after update on survey_answer
    referencing old table as changed for each statement execute function survey_answer_tally_changed('-1');
create trigger survey_answer_tally_update_added after update on survey_answer
    referencing new table as changed for each statement execute function survey_answer_tally_changed('1');

-- A new response has no flags yet (they reference it) and no answers yet. Row by row: a response is inserted
-- one at a time, and a row trigger needs no transition table.
create function survey_response_tally_added() returns trigger language plpgsql as $$
begin
    insert into survey_response_tally_change
    select new.campaign_id, new.point_id, new.channel, s.state, false, 1
      from (select survey_tally_state(new.excluded, new.excluded_cause, new.superseded_by) as state) s
     where s.state is not null;
    return null;
end $$;

create trigger survey_response_tally_insert after insert on survey_response
    for each row execute function survey_response_tally_added();

-- A response that changes state (excluded, restored, superseded) or place moves itself and its answers.
create function survey_response_tally_moved() returns trigger language plpgsql as $$
declare
    was char(1);
    now_is char(1);
    is_flagged boolean;
begin
    was := case when tg_op = 'INSERT' then null
                else survey_tally_state(old.excluded, old.excluded_cause, old.superseded_by) end;
    now_is := case when tg_op = 'DELETE' then null
                   else survey_tally_state(new.excluded, new.excluded_cause, new.superseded_by) end;
    if tg_op = 'UPDATE' and was is not distinct from now_is and old.campaign_id = new.campaign_id
            and old.point_id = new.point_id and old.channel = new.channel then
        return null;
    end if;
    is_flagged := exists (select 1 from response_flag f where f.response_id = coalesce(new.id, old.id));
    if was is not null then
        insert into survey_response_tally_change
        values (old.campaign_id, old.point_id, old.channel, was, is_flagged, -1);
        insert into survey_answer_tally_change
        select old.campaign_id, old.point_id, old.channel, a.question_id, coalesce(a.value, 0), a.not_applicable,
               was, -count(*)
          from survey_answer a where a.response_id = old.id group by 1, 2, 3, 4, 5, 6, 7;
    end if;
    if now_is is not null then
        insert into survey_response_tally_change
        values (new.campaign_id, new.point_id, new.channel, now_is, is_flagged, 1);
        insert into survey_answer_tally_change
        select new.campaign_id, new.point_id, new.channel, a.question_id, coalesce(a.value, 0), a.not_applicable,
               now_is, count(*)
          from survey_answer a where a.response_id = new.id group by 1, 2, 3, 4, 5, 6, 7;
    end if;
    return null;
end $$;

create trigger survey_response_tally_update after update on survey_response for each row
    when (old.excluded is distinct from new.excluded or old.excluded_cause is distinct from new.excluded_cause
          or old.superseded_by is distinct from new.superseded_by or old.campaign_id <> new.campaign_id
          or old.point_id <> new.point_id or old.channel <> new.channel)
    execute function survey_response_tally_moved();
-- A response is deleted after its answers (they reference it), so only the response itself leaves here.
create trigger survey_response_tally_delete after delete on survey_response for each row
    execute function survey_response_tally_moved();

-- A response's first flag makes it flagged; its last flag removed makes it unflagged.
create function survey_response_tally_flagged() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into survey_response_tally_change
        select r.campaign_id, r.point_id, r.channel, r.state, b.flagged, case when b.flagged then 1 else -1 end
          from (select response_id, count(*) as k from added group by response_id) f,
               lateral survey_tally_of(f.response_id) r, (values (true), (false)) as b(flagged)
         where r.state is not null
           and (select count(*) from response_flag x where x.response_id = f.response_id) = f.k;
    else
        insert into survey_response_tally_change
        select r.campaign_id, r.point_id, r.channel, r.state, b.flagged, case when b.flagged then -1 else 1 end
          from (select distinct response_id from removed) f,
               lateral survey_tally_of(f.response_id) r, (values (true), (false)) as b(flagged)
         where r.state is not null
           and not exists (select 1 from response_flag x where x.response_id = f.response_id);
    end if;
    return null;
end $$;

create trigger response_flag_tally_insert after insert on response_flag
    referencing new table as added for each statement execute function survey_response_tally_flagged();
create trigger response_flag_tally_delete after delete on response_flag
    referencing old table as removed for each statement execute function survey_response_tally_flagged();

-- Folds the committed changes into the tallies; returns how many change rows it folded. Rows that net to zero
-- stay (a reader skips them); they are bounded by the campaign's points x questions x values, not its responses.
create function survey_tally_fold() returns bigint language plpgsql as $$
declare
    answers bigint;
    responses bigint;
begin
    with gone as (delete from survey_answer_tally_change returning *),
         folded as (insert into survey_answer_tally
                    select campaign_id, point_id, channel, question_id, value, not_applicable, state, sum(n)
                      from gone group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
                    on conflict (campaign_id, point_id, channel, question_id, value, not_applicable, state)
                    do update set n = survey_answer_tally.n + excluded.n
                    returning 1)
    select count(*) into answers from gone;
    with gone as (delete from survey_response_tally_change returning *),
         folded as (insert into survey_response_tally
                    select campaign_id, point_id, channel, state, flagged, sum(n)
                      from gone group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
                    on conflict (campaign_id, point_id, channel, state, flagged)
                    do update set n = survey_response_tally.n + excluded.n
                    returning 1)
    select count(*) into responses from gone;
    return answers + responses;
end $$;
