-- Project titles in both page languages (issue 9). The existing title is the Chinese one and stays required; the
-- English one is optional and pages fall back to the other language when the one they show is missing.
alter table evaluation_project
    add column title_en text,
    add constraint project_title_en_not_blank check (title_en is null or btrim(title_en) <> '');
