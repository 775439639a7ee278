-- Focus by panel role: a guide section names the panel role that leads it
-- (or everyone). A member must rate the questions of sections led by their own
-- role or by everyone before submitting; ratings elsewhere are welcome and
-- count like any other. A round keeps the lead it copied.
alter table template_section add column led_by text not null default 'everyone'
    check (led_by in ('everyone', 'hiring_manager', 'subject_matter_expert', 'hr'));
alter table round_question add column section_led_by text not null default 'everyone'
    check (section_led_by in ('everyone', 'hiring_manager', 'subject_matter_expert', 'hr'));

-- The default guides (0007): the subject-matter expert leads the practical case,
-- the hiring manager the expectations and development talk.
update template_section set led_by = 'subject_matter_expert'
where id in ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000202');
update template_section set led_by = 'hiring_manager'
where id in ('00000000-0000-4000-8000-000000000104', '00000000-0000-4000-8000-000000000204');

-- The candidate's open questions from the first interview used to be a section
-- of their own before the guide's; they now join the guide's opening section.
-- The mark says which questions came from the candidate, wherever they stand.
alter table round_question add column carried_over boolean not null default false;
update round_question set carried_over = true
where section_order = 0 and section_kind = 'open_questions';
