-- A respondent who answers again from the same browser at the same point is amending: the earlier response is
-- kept (evidence) but superseded, and only the current one (superseded_by is null) counts in results, counts,
-- call-back eligibility and fraud history.
alter table survey_response
    add column superseded_by bigint references survey_response (id),
    add column superseded_at timestamptz,
    add constraint survey_response_superseded_together
        check ((superseded_by is null) = (superseded_at is null));

-- Finds this browser's current answer at a point (the amend notice and the amendment itself).
create index survey_response_current_by_browser on survey_response (campaign_id, point_id, browser_id)
    where superseded_by is null and browser_id is not null;
