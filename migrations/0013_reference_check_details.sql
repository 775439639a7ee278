-- How a referee was reached, the candidate's consent to contact them, the questions
-- asked with their answers, and a per-form id so a form posted twice records one check.

alter table reference_check
    add column contact_method    text not null default ''
        check (contact_method in ('', 'phone', 'video', 'in_person', 'email')),
    add column consent_given     boolean not null default false,
    add column questions_answers text not null default '',
    add column form_id           uuid,
    add constraint reference_check_form_id_key unique (form_id);
