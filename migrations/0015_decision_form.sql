-- A decision remembers the form it came from, so a double submit records it
-- once, and the warnings the decider acknowledged.
alter table decision add column form_id uuid;
alter table decision add column acknowledged jsonb not null default '[]'::jsonb;
create unique index decision_form_key on decision (form_id) where form_id is not null;
