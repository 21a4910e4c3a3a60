-- A survey question may offer N/A (不涉及) when its scheme item allows it (the built-in property scheme's 7.6
-- "N/A if not used"). An N/A answer has no value and, unlike "don't know", is not counted at all: the question
-- leaves that response's denominator. Questions of campaigns created before this version do not offer N/A.
alter table survey_question
    add column not_applicable_allowed boolean not null default false;

alter table survey_answer
    add column not_applicable boolean not null default false,
    add constraint answer_not_applicable_has_no_value check (not not_applicable or value is null);
