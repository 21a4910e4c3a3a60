-- The fraud history's browser branch (Responses.recent: this browser's latest 20 online responses) reads an index
-- that is ordered by time within the browser, so it stops after 20 entries whatever the browser's history, and no
-- prepared plan is tempted to walk the campaign's responses instead. Its prefix serves "has this browser answered"
-- as the index it replaces did.
create index survey_response_browser_time on survey_response (campaign_id, browser_id, submitted_at)
    where browser_id is not null;
drop index survey_response_browser;
