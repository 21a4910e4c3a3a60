-- Sign-off of a project's evaluation (issue 12, server/docs/evaluation.md "Sign-off, revisions, release"):
-- one row per revision. A project without rows is in revision 1, in progress. Signing off stores the sheet's
-- canonical JSON exactly as hashed (text, not jsonb: jsonb would reorder keys and normalise numbers, and the
-- stored text must re-hash to the stored SHA-256). A signed revision is never changed again except for its release;
-- later changes open the next revision with a reason.
create table evaluation_revision (
    project_id      bigint      not null references evaluation_project (id),
    number          integer     not null check (number >= 1),
    opened_at       timestamptz not null,
    opened_by       bigint      references app_user (id),
    reason          text        check (reason is null or length(reason) between 1 and 1000),
    signed_at       timestamptz,
    signed_by       bigint      references app_user (id),
    snapshot        text,
    snapshot_sha256 text        check (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
    released_at     timestamptz,
    released_by     bigint      references app_user (id),
    primary key (project_id, number),
    -- revision 1 opens with the project; every later one names why it was opened
    constraint evaluation_revision_reason check ((number = 1) = (reason is null)),
    constraint evaluation_revision_signed check ((signed_at is null) = (snapshot is null)
        and (signed_at is null) = (snapshot_sha256 is null) and (signed_at is null) = (signed_by is null)),
    constraint evaluation_revision_released check (released_at is null or signed_at is not null)
);
