-- Positions and their requirement profiles.

create table position (
    id                uuid primary key default gen_random_uuid(),
    title             text not null check (length(trim(title)) > 0),
    department        text not null default '',
    -- A manager who owns positions is disabled, never deleted.
    hiring_manager_id uuid not null references app_user (id) on delete restrict,
    status            text not null default 'open' check (status in ('open', 'closed')),
    description       text not null default '',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index position_hiring_manager_idx on position (hiring_manager_id);

create table criterion (
    id            uuid primary key default gen_random_uuid(),
    position_id   uuid not null references position (id) on delete cascade,
    name          text not null check (length(trim(name)) > 0),
    description   text not null default '',
    weight        double precision not null default 1 check (weight > 0 and weight <= 100),
    must_have     boolean not null default false,
    minimum_score smallint check (minimum_score between 1 and 5),
    sort_order    integer not null default 0,
    -- What a 1, 2, 3, 4 and 5 look like in this job.
    anchor_1      text not null default '',
    anchor_2      text not null default '',
    anchor_3      text not null default '',
    anchor_4      text not null default '',
    anchor_5      text not null default '',
    created_at    timestamptz not null default now(),
    constraint criterion_must_have_minimum check (not must_have or minimum_score is not null)
);
create unique index criterion_name_key on criterion (position_id, lower(name));
create index criterion_position_idx on criterion (position_id, sort_order);
