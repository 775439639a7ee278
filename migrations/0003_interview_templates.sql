-- Interview guides: templates with sections and questions. Rounds copy the
-- questions (see round_question), so editing a template never changes an
-- interview that is planned or held.

create table interview_template (
    id          uuid primary key default gen_random_uuid(),
    name        text not null check (length(trim(name)) > 0),
    language    text not null check (language in ('nb', 'en')),
    description text not null default '',
    is_default  boolean not null default false,
    created_by  uuid references app_user (id) on delete set null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index interview_template_name_key on interview_template (lower(name));

create table template_section (
    id          uuid primary key default gen_random_uuid(),
    template_id uuid not null references interview_template (id) on delete cascade,
    title       text not null check (length(trim(title)) > 0),
    -- The kind lets the walk-through treat some sections specially
    -- (carried-over open questions first, test results recorded).
    kind        text not null default 'general' check (kind in (
                    'open_questions', 'practical_case', 'test_results',
                    'expectations', 'leadership', 'closing', 'general')),
    sort_order  integer not null default 0
);
create index template_section_template_idx on template_section (template_id, sort_order);

create table template_question (
    id             uuid primary key default gen_random_uuid(),
    section_id     uuid not null references template_section (id) on delete cascade,
    text           text not null check (length(trim(text)) > 0),
    guidance       text not null default '',
    -- Name of the criterion this question probes; matched to the position's
    -- criteria when a round is planned.
    criterion_hint text not null default '',
    sort_order     integer not null default 0
);
create index template_question_section_idx on template_question (section_id, sort_order);
