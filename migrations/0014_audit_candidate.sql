-- Which candidate each audit event is about, so the audit log can be filtered by
-- candidate and a hiring manager shown only their own positions' events. No
-- foreign key: events outlive the candidate they describe.
alter table audit_event add column candidate_id uuid;
create index audit_event_candidate_idx on audit_event (candidate_id, id);
create index audit_event_actor_idx on audit_event (actor_id, id);

-- A uuid written in an event's json, or null for anything else.
create function audit_event_uuid(value text) returns uuid language sql immutable as $$
    select case when value ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then value::uuid end
$$;

-- The candidate an audited entity belongs to. The entity's own row first; then
-- the ids the event carries, because an event written in the same statement as
-- its entity (a rating's first save) cannot see that row yet.
create function audit_event_candidate_of(
    p_entity text, p_entity_id uuid, p_before jsonb, p_after jsonb
) returns uuid language plpgsql volatile as $$
declare
    found uuid;
    facts jsonb := coalesce(p_before, '{}'::jsonb) || coalesce(p_after, '{}'::jsonb);
begin
    found := case p_entity
        when 'candidate' then p_entity_id
        when 'doubt' then (select candidate_id from doubt where id = p_entity_id)
        when 'reference_check' then (select candidate_id from reference_check where id = p_entity_id)
        when 'decision' then (select candidate_id from decision where id = p_entity_id)
        when 'interview_round' then (select candidate_id from interview_round where id = p_entity_id)
        when 'panel_member' then (
            select r.candidate_id from panel_member pm
            join interview_round r on r.id = pm.round_id where pm.id = p_entity_id)
        when 'test_result' then (
            select r.candidate_id from test_result t
            join interview_round r on r.id = t.round_id where t.id = p_entity_id)
        when 'rating' then (
            select r.candidate_id from rating ra
            join panel_member pm on pm.id = ra.panel_member_id
            join interview_round r on r.id = pm.round_id where ra.id = p_entity_id)
    end;
    if found is null and facts ? 'candidate_id' then
        found := (select id from candidate where id = audit_event_uuid(facts ->> 'candidate_id'));
    end if;
    if found is null and facts ? 'round_id' then
        found := (select candidate_id from interview_round where id = audit_event_uuid(facts ->> 'round_id'));
    end if;
    if found is null and facts ? 'panel_member_id' then
        found := (select r.candidate_id from panel_member pm
                  join interview_round r on r.id = pm.round_id
                  where pm.id = audit_event_uuid(facts ->> 'panel_member_id'));
    end if;
    return found;
end $$;

create function audit_event_set_candidate() returns trigger language plpgsql as $$
begin
    if new.candidate_id is null then
        new.candidate_id := audit_event_candidate_of(new.entity, new.entity_id, new.before, new.after);
    end if;
    return new;
end $$;

-- Callers of audit::record need not know about candidates: the trigger finds them.
create trigger audit_event_candidate before insert on audit_event
    for each row execute function audit_event_set_candidate();

update audit_event
set candidate_id = audit_event_candidate_of(entity, entity_id, before, after)
where candidate_id is null;
