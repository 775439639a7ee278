-- The hire followed up: at the end of the probation period (prøvetid, 6 months
-- by default) and at 12 months the hiring manager rates the person on the
-- position's criteria, and says whether they would hire again and whether the
-- person is still there.

alter table setting add column probation_months integer not null default 6
    check (probation_months between 1 and 12);

create table follow_up (
    id               uuid primary key default gen_random_uuid(),
    candidate_id     uuid not null references candidate (id) on delete cascade,
    milestone        text not null check (milestone in ('probation', 'twelve_months')),
    would_hire_again boolean not null,
    still_here       boolean not null,
    note             text not null default '',
    written_by       uuid references app_user (id) on delete set null,
    written_at       timestamptz not null default now(),
    constraint follow_up_once unique (candidate_id, milestone)
);

create table follow_up_score (
    follow_up_id uuid not null references follow_up (id) on delete cascade,
    criterion_id uuid not null references criterion (id) on delete cascade,
    score        smallint not null check (score between 1 and 5),
    primary key (follow_up_id, criterion_id)
);

-- The retention purge scrubs a follow-up's note from the audit trail like a rationale.
create or replace function purged_json(value jsonb) returns jsonb language sql immutable as $$
    select case when jsonb_typeof(value) = 'object' then (
        select coalesce(jsonb_object_agg(e.key, case
            when e.key = any (array[
                'name', 'email', 'phone', 'source', 'first_round_summary', 'open_questions',
                'evidence', 'description', 'fact_what', 'fact_source', 'fact_outcome',
                'referee_name', 'relationship', 'summary', 'concerns', 'questions_answers',
                'justification', 'rationale', 'text', 'guidance', 'reopen_reason', 'note'])
                and jsonb_typeof(e.value) = 'string'
            then to_jsonb(purged_text(e.value #>> '{}'))
            else e.value end), '{}'::jsonb)
        from jsonb_each(value) as e)
    else value end
$$;
