-- A version on survey points and campaigns that every update raises, so an instance may cache a point and its
-- campaign and check in the same round trip as a submission's other work that the cached rows are the current ones
-- (PointOpenings). PostgreSQL's xmin would change on every update too, but reads 2 for every frozen row, so an old
-- row and its frozen successor could look alike.
alter table survey_point add column row_version bigint not null default 0;
alter table survey_campaign add column row_version bigint not null default 0;

create function raise_row_version() returns trigger language plpgsql as $$
begin
    new.row_version := old.row_version + 1;
    return new;
end $$;

create trigger survey_point_row_version before update on survey_point
    for each row execute function raise_row_version();
create trigger survey_campaign_row_version before update on survey_campaign
    for each row execute function raise_row_version();
