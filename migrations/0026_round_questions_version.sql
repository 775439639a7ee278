-- A round's questions as the walk-through shows them (the round's copies of the
-- guide's questions, and the name and anchors of the criterion each one rates)
-- change rarely: when the round is planned, and when a question is edited before
-- the first rating or a criterion afterwards. The app keeps them in memory per
-- round and reads this number with the panel member's seat, so a question screen
-- no longer reads every question, anchor and guidance again. The triggers bump it
-- in the same transaction as any such change, whatever code path makes it.
alter table interview_round add column questions_version bigint not null default 1;

-- Finding a criterion's questions (for the version, and for `on delete set null`).
create index round_question_criterion_idx on round_question (criterion_id)
    where criterion_id is not null;

create function bump_round_questions_version_inserted() returns trigger
language plpgsql as $$
begin
    update interview_round set questions_version = questions_version + 1
    where id in (select distinct round_id from changed_rows);
    return null;
end $$;

create trigger round_question_inserted after insert on round_question
    referencing new table as changed_rows
    for each statement execute function bump_round_questions_version_inserted();

create trigger round_question_updated after update on round_question
    referencing new table as changed_rows
    for each statement execute function bump_round_questions_version_inserted();

create trigger round_question_deleted after delete on round_question
    referencing old table as changed_rows
    for each statement execute function bump_round_questions_version_inserted();

create function bump_round_questions_version_for_criteria() returns trigger
language plpgsql as $$
begin
    update interview_round set questions_version = questions_version + 1
    where id in (select distinct q.round_id
                 from round_question q join changed_rows c on c.id = q.criterion_id);
    return null;
end $$;

create trigger criterion_updated after update on criterion
    referencing new table as changed_rows
    for each statement execute function bump_round_questions_version_for_criteria();
