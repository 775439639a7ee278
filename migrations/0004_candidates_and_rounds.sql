-- Candidates, their interview rounds and the panels.

create table candidate (
    id                  uuid primary key default gen_random_uuid(),
    -- Deleting a position (or a retention purge) removes its candidates and all their data.
    position_id         uuid not null references position (id) on delete cascade,
    name                text not null check (length(trim(name)) > 0),
    email               text not null default '',
    phone               text not null default '',
    source              text not null default '',
    first_round_summary text not null default '',
    open_questions      text not null default '',
    status              text not null default 'shortlisted' check (status in (
                            'shortlisted', 'in_second_round', 'offer', 'hired', 'rejected', 'withdrawn')),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create unique index candidate_email_key on candidate (position_id, lower(email)) where email <> '';
create index candidate_position_idx on candidate (position_id);

create table candidate_status_change (
    id           uuid primary key default gen_random_uuid(),
    candidate_id uuid not null references candidate (id) on delete cascade,
    from_status  text,
    to_status    text not null,
    changed_by   uuid references app_user (id) on delete set null,
    changed_at   timestamptz not null default now()
);
create index candidate_status_change_candidate_idx on candidate_status_change (candidate_id, changed_at);

create table interview_round (
    id           uuid primary key default gen_random_uuid(),
    candidate_id uuid not null references candidate (id) on delete cascade,
    -- 2 is the second round; 3 and up are extra interviews.
    round_number integer not null default 2 check (round_number >= 2),
    scheduled_at timestamptz,
    time_zone    text not null default 'Europe/Oslo',
    duration_minutes integer not null default 90 check (duration_minutes between 15 and 600),
    location     text not null default '',
    status       text not null default 'planned' check (status in ('planned', 'in_progress', 'scoring', 'closed')),
    template_id  uuid references interview_template (id) on delete set null,
    created_by   uuid references app_user (id) on delete set null,
    created_at   timestamptz not null default now(),
    constraint interview_round_number_key unique (candidate_id, round_number)
);

-- The snapshot of a round's questions, taken when the round is planned.
create table round_question (
    id             uuid primary key default gen_random_uuid(),
    round_id       uuid not null references interview_round (id) on delete cascade,
    section_title  text not null,
    section_kind   text not null default 'general',
    section_order  integer not null,
    question_order integer not null,
    text           text not null check (length(trim(text)) > 0),
    guidance       text not null default '',
    criterion_id   uuid references criterion (id) on delete set null,
    constraint round_question_order_key unique (round_id, section_order, question_order)
);

create table panel_member (
    id           uuid primary key default gen_random_uuid(),
    round_id     uuid not null references interview_round (id) on delete cascade,
    user_id      uuid not null references app_user (id) on delete restrict,
    panel_role   text not null default 'other' check (panel_role in (
                     'hiring_manager', 'subject_matter_expert', 'hr', 'other')),
    submitted_at timestamptz,
    constraint panel_member_round_user_key unique (round_id, user_id)
);
create index panel_member_user_idx on panel_member (user_id);
