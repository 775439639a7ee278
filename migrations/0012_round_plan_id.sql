-- The id of the planning form a round came from, so a form posted twice (a double
-- click, a retried request) plans one round, not two.
alter table interview_round add column plan_id uuid;
create unique index interview_round_plan_key on interview_round (plan_id) where plan_id is not null;
