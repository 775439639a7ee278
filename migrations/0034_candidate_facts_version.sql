-- A candidate's facts (what the scoring rules weigh: the position's criteria,
-- the panels, every rating, recommendation, doubt and reference check) are read
-- by every page of those who decide, and change far less often than they are
-- read. The app keeps them in memory per candidate and reads this number first;
-- the triggers below bump it with any change to what the facts are built from,
-- whatever code path makes it.
--
-- The bump is deferred to the commit of the writing transaction: the version
-- row is then the last lock a transaction takes, so it cannot close a cycle
-- with the seat, rating, round or candidate locks taken before it (a rating
-- save and a submission lock the seat first, the decision gate the candidate
-- first). A missing row reads as version 0.
create table candidate_facts_version (
    candidate_id uuid primary key references candidate (id) on delete cascade,
    version bigint not null
);

create function bump_candidate_facts(candidates uuid[]) returns void
language sql as $$
    -- In id order, so two transactions bumping several never wait on each other in a cycle.
    insert into candidate_facts_version (candidate_id, version)
    select id, 1 from candidate where id = any(candidates) order by id
    on conflict (candidate_id) do update set version = candidate_facts_version.version + 1;
$$;

-- Finds the candidates a changed row belongs to. At commit a row deleted with
-- its parent (a round's seats and ratings) no longer leads to its candidate; the
-- parent's own trigger then bumps it.
create function candidate_facts_changed() returns trigger
language plpgsql as $$
declare
    changed jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
begin
    perform bump_candidate_facts(case tg_table_name
        when 'doubt' then array[(changed ->> 'candidate_id')::uuid]
        when 'reference_check' then array[(changed ->> 'candidate_id')::uuid]
        when 'interview_round' then array[(changed ->> 'candidate_id')::uuid]
        when 'round_question' then array(
            select candidate_id from interview_round where id = (changed ->> 'round_id')::uuid)
        when 'panel_member' then array(
            select candidate_id from interview_round where id = (changed ->> 'round_id')::uuid)
        when 'rating' then array(
            select r.candidate_id from panel_member pm join interview_round r on r.id = pm.round_id
            where pm.id = (changed ->> 'panel_member_id')::uuid)
        when 'recommendation' then array(
            select r.candidate_id from panel_member pm join interview_round r on r.id = pm.round_id
            where pm.id = (changed ->> 'panel_member_id')::uuid)
        when 'criterion' then array(
            select id from candidate where position_id = (changed ->> 'position_id')::uuid)
        when 'app_user' then array(
            select distinct r.candidate_id from panel_member pm
            join interview_round r on r.id = pm.round_id where pm.user_id = (changed ->> 'id')::uuid)
    end);
    return null;
end $$;

create constraint trigger rating_facts after insert or update or delete on rating
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger recommendation_facts after insert or update or delete on recommendation
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger panel_member_facts after insert or update or delete on panel_member
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger round_question_facts after insert or update or delete on round_question
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger interview_round_facts after insert or update or delete on interview_round
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger doubt_facts after insert or update or delete on doubt
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger reference_check_facts after insert or update or delete on reference_check
    deferrable initially deferred for each row execute function candidate_facts_changed();
create constraint trigger criterion_facts after insert or update or delete on criterion
    deferrable initially deferred for each row execute function candidate_facts_changed();
-- A seat shows its member's name.
create constraint trigger app_user_facts after update of display_name on app_user
    deferrable initially deferred for each row
    when (old.display_name is distinct from new.display_name)
    execute function candidate_facts_changed();
