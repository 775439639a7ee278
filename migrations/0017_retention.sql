-- Data retention: a position remembers when it was closed; candidates of positions
-- closed longer than the retention setting are anonymised (scores, flags and
-- decisions stay for statistics) and marked as purged.

alter table position add column closed_at timestamptz;
update position set closed_at = updated_at where status = 'closed';

alter table candidate add column purged_at timestamptz;

-- Settings of the whole installation: one row.
create table setting (
    id               boolean primary key default true check (id),
    retention_months integer not null default 12 check (retention_months between 1 and 120)
);
insert into setting default values;

-- What stands in for removed free text where a value is required.
create function purged_text(value text) returns text language sql immutable as $$
    select case when length(trim(value)) = 0 then value else '[slettet]' end
$$;

-- An audit event's before/after with the free text of personal fields removed;
-- ids, statuses, scores and codes stay.
create function purged_json(value jsonb) returns jsonb language sql immutable as $$
    select case when jsonb_typeof(value) = 'object' then (
        select coalesce(jsonb_object_agg(e.key, case
            when e.key = any (array[
                'name', 'email', 'phone', 'source', 'first_round_summary', 'open_questions',
                'evidence', 'description', 'fact_what', 'fact_source', 'fact_outcome',
                'referee_name', 'relationship', 'summary', 'concerns', 'questions_answers',
                'justification', 'rationale', 'text', 'guidance'])
                and jsonb_typeof(e.value) = 'string'
            then to_jsonb(purged_text(e.value #>> '{}'))
            else e.value end), '{}'::jsonb)
        from jsonb_each(value) as e)
    else value end
$$;
