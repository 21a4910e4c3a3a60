-- Call-back management (issue 9): an outcome is recorded after the verifier showed the number (phone.revealed in
-- the evidence log) or with the reason why not (e.g. the respondent was called from the face-to-face sheet).
alter table callback_attempt add column no_reveal_reason text;
