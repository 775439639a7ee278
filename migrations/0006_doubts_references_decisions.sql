-- Doubts and the facts that settle them; reference checks; decisions; the audit trail.

create table reference_check (
    id           uuid primary key default gen_random_uuid(),
    candidate_id uuid not null references candidate (id) on delete cascade,
    referee_name text not null check (length(trim(referee_name)) > 0),
    relationship text not null default '',
    checked_on   date not null,
    summary      text not null check (length(trim(summary)) > 0),
    concerns     text not null default '',
    recorded_by  uuid references app_user (id) on delete set null,
    created_at   timestamptz not null default now()
);
create index reference_check_candidate_idx on reference_check (candidate_id);

create table doubt (
    id                uuid primary key default gen_random_uuid(),
    candidate_id      uuid not null references candidate (id) on delete cascade,
    round_id          uuid references interview_round (id) on delete set null,
    round_question_id uuid references round_question (id) on delete set null,
    criterion_id      uuid references criterion (id) on delete set null,
    category          text not null check (category in (
                          'competence', 'experience', 'motivation', 'collaboration',
                          'integrity', 'recommendation', 'other')),
    description       text not null check (length(trim(description)) > 0),
    resolution_method text not null check (resolution_method in (
                          'check_references', 'gather_facts', 'extra_interview', 'practical_test')),
    status            text not null default 'open' check (status in ('open', 'resolved', 'confirmed')),
    raised_by         uuid references app_user (id) on delete set null,
    raised_at         timestamptz not null default now(),
    -- The fact that settled it: a reference check, a test result, a further round,
    -- or a described check of information (what, source, outcome).
    settled_by_reference_check_id uuid references reference_check (id) on delete restrict,
    settled_by_test_result_id     uuid references test_result (id) on delete restrict,
    settled_by_round_id           uuid references interview_round (id) on delete restrict,
    fact_what         text not null default '',
    fact_source       text not null default '',
    fact_outcome      text not null default '',
    settled_by        uuid references app_user (id) on delete set null,
    settled_at        timestamptz,
    -- A doubt is never settled by opinion: closing it needs a fact.
    constraint doubt_settled_with_fact check (
        status = 'open' or (
            settled_at is not null and (
                settled_by_reference_check_id is not null
                or settled_by_test_result_id is not null
                or settled_by_round_id is not null
                or (length(trim(fact_what)) > 0 and length(trim(fact_outcome)) > 0))))
);
create index doubt_candidate_idx on doubt (candidate_id, status);

create table decision (
    id           uuid primary key default gen_random_uuid(),
    candidate_id uuid not null references candidate (id) on delete cascade,
    round_id     uuid references interview_round (id) on delete set null,
    outcome      text not null check (outcome in ('hire', 'no_hire', 'another_round', 'on_hold')),
    rationale    text not null check (length(trim(rationale)) > 0),
    decided_by   uuid not null references app_user (id) on delete restrict,
    decided_at   timestamptz not null default now()
);
create index decision_candidate_idx on decision (candidate_id, decided_at);

create table audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor_id    uuid references app_user (id) on delete set null,
    entity      text not null,
    entity_id   uuid not null,
    action      text not null,
    before      jsonb,
    after       jsonb
);
create index audit_event_entity_idx on audit_event (entity, entity_id, occurred_at);
create index audit_event_time_idx on audit_event (occurred_at);
