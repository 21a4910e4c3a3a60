-- The responses export (and the results' per-campaign reads) walk a campaign's responses in id order. Without this
-- index PostgreSQL scanned every campaign's responses through the primary key and filtered: work that grew with the
-- whole table, not the campaign. With it the export reads exactly the campaign's rows, already in order.
create index survey_response_campaign_order on survey_response (campaign_id, id);
