-- A final decision (hire or no hire) stands: the candidate takes no new decision
-- and no new round until the position's hiring manager or an admin reopens it,
-- with a reason (an offer declined, a hire withdrawn). The reopening is kept on
-- the decision it reopened, so the history shows both.
alter table decision
    add column reopened_at timestamptz,
    add column reopened_by uuid references app_user (id) on delete restrict,
    add column reopen_reason text not null default '',
    add constraint decision_reopen_complete check (
        (reopened_at is null and reopened_by is null and reopen_reason = '')
        or (reopened_at is not null and reopened_by is not null and length(trim(reopen_reason)) > 0)),
    add constraint decision_reopen_only_final check (
        reopened_at is null or outcome in ('hire', 'no_hire'));

-- The retention purge scrubs the reason from the audit trail like a rationale.
create or replace function purged_json(value jsonb) returns jsonb language sql immutable as $$
    select case when jsonb_typeof(value) = 'object' then (
        select coalesce(jsonb_object_agg(e.key, case
            when e.key = any (array[
                'name', 'email', 'phone', 'source', 'first_round_summary', 'open_questions',
                'evidence', 'description', 'fact_what', 'fact_source', 'fact_outcome',
                'referee_name', 'relationship', 'summary', 'concerns', 'questions_answers',
                'justification', 'rationale', 'text', 'guidance', 'reopen_reason'])
                and jsonb_typeof(e.value) = 'string'
            then to_jsonb(purged_text(e.value #>> '{}'))
            else e.value end), '{}'::jsonb)
        from jsonb_each(value) as e)
    else value end
$$;
