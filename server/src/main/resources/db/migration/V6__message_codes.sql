-- Fraud flag reasons as a message code and its arguments (com.tanfang.message.Message), rendered in the
-- reader's language (zh-CN or en) instead of a stored English sentence.
alter table response_flag
    add column reason_code text,
    add column reason_args jsonb not null default '[]'::jsonb;

-- Rows written before this migration kept only the English sentence in reason; its numbers are not parsed back
-- (the sentence shapes varied), so they get their kind's general reason, which quotes nothing. reason stays as
-- it was, and new rows keep an English rendering there for people reading the table directly.
update response_flag
   set reason_code = 'survey.flag.' || replace(lower(kind), '_', '-') || '.general';

alter table response_flag alter column reason_code set not null;
