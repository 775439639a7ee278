-- Ratings, recommendations and test results.

create table rating (
    id                uuid primary key default gen_random_uuid(),
    round_question_id uuid not null references round_question (id) on delete cascade,
    panel_member_id   uuid not null references panel_member (id) on delete cascade,
    -- null means "not assessed": no evidence either way, which is not a zero.
    score             smallint check (score between 1 and 5),
    evidence          text not null default '',
    -- Optimistic concurrency: a save names the version it was based on.
    version           integer not null default 1 check (version >= 1),
    -- The id of the last save from a device, so a replayed save is recognised.
    last_save_id      uuid,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint rating_question_member_key unique (round_question_id, panel_member_id)
);
create index rating_member_idx on rating (panel_member_id);

create table recommendation (
    id              uuid primary key default gen_random_uuid(),
    panel_member_id uuid not null references panel_member (id) on delete cascade,
    -- No neutral option: a panel member must lean one way.
    verdict         text not null check (verdict in ('strong_no', 'no', 'yes', 'strong_yes')),
    justification   text not null check (length(trim(justification)) > 0),
    created_at      timestamptz not null default now(),
    constraint recommendation_member_key unique (panel_member_id)
);

create table test_result (
    id          uuid primary key default gen_random_uuid(),
    round_id    uuid not null references interview_round (id) on delete cascade,
    kind        text not null check (kind in ('personality', 'cognitive', 'work_sample', 'other')),
    summary     text not null check (length(trim(summary)) > 0),
    score       double precision,
    recorded_by uuid references app_user (id) on delete set null,
    recorded_at timestamptz not null default now()
);
create index test_result_round_idx on test_result (round_id);
