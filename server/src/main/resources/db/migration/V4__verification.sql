-- Call-back verification (回访, issue 5): draws of the sample, their stored order, and every call attempt.

-- One draw of a campaign's call-back sample. A campaign has at most one active draw; a redraw (with a reason)
-- supersedes it and both stay.
create table callback_draw (
    id             bigint generated always as identity primary key,
    campaign_id    bigint       not null references survey_campaign (id),
    rate           numeric(5,4) not null,
    cutoff         timestamptz  not null,
    -- The campaign's committed seed, revealed by the draw (a redraw uses the same seed).
    seed           text         not null,
    eligible       integer      not null,
    online_without_phone integer not null,
    reason         text,
    drawn_by       bigint       not null references app_user (id),
    drawn_at       timestamptz  not null default now(),
    superseded_at  timestamptz,
    superseded_by  bigint       references callback_draw (id),
    constraint callback_draw_rate check (rate > 0 and rate <= 1)
);
create unique index callback_draw_active on callback_draw (campaign_id) where superseded_at is null;

-- Every eligible response of a draw in its stratum's order: called ones (sample, replacements, enlargements)
-- and the reserve (called = false), used front first.
create table callback_item (
    id              bigint generated always as identity primary key,
    draw_id         bigint      not null references callback_draw (id),
    response_id     bigint      not null references survey_response (id),
    point_id        bigint      not null references survey_point (id),
    position        integer     not null,
    called          boolean     not null,
    -- SAMPLE, REPLACEMENT (for an unreachable one) or ENLARGEMENT; null while in the reserve.
    added_as        text,
    assigned_to     bigint      references app_user (id),
    -- null while pending; CONFIRMED, DENIED, DIFFERS, UNREACHABLE.
    outcome         text,
    differs_question_id bigint  references survey_question (id),
    failed_attempts integer     not null default 0,
    -- Whether this item's denial is what excluded the response (so "before" results can count it back in).
    caused_exclusion boolean    not null default false,
    closed_at       timestamptz,
    unique (draw_id, response_id),
    unique (draw_id, point_id, position),
    constraint callback_item_outcome check (outcome is null or outcome in ('CONFIRMED','DENIED','DIFFERS','UNREACHABLE')),
    constraint callback_item_added check (called = (added_as is not null))
);
create index callback_item_queue on callback_item (assigned_to) where called and outcome is null;
create index callback_item_response on callback_item (response_id);

create table callback_attempt (
    id          bigint generated always as identity primary key,
    item_id     bigint      not null references callback_item (id),
    user_id     bigint      not null references app_user (id),
    outcome     text        not null,
    question_id bigint      references survey_question (id),
    note        text,
    at          timestamptz not null default now(),
    constraint callback_attempt_outcome check (outcome in ('CONFIRMED','DENIED','DIFFERS','UNREACHABLE'))
);
create index callback_attempt_item on callback_attempt (item_id);
