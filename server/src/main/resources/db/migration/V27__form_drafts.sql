-- The no-script respondent form that failed validation, kept for the redirect to its error page (FormDrafts).
-- In PostgreSQL, not in one instance's memory: behind a load balancer the redirect's GET may reach another
-- instance, which before showed the empty form. The form's answers, comment and phone are encrypted (the phone
-- keys, PhoneCipher.encryptText): nothing a respondent typed is at rest in plain text. Kept 30 minutes, pruned.
create table form_draft (
    token         text        not null,
    submission_id text        not null,
    sealed_state  text        not null,
    kept_at       timestamptz not null,
    primary key (token, submission_id)
);
create index form_draft_kept_at on form_draft (kept_at);
