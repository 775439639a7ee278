-- A doubt raised and a test result recorded from a tablet may be sent twice:
-- replayed from the offline queue after a lost answer, or posted again by a
-- double tap. The form's id, fresh per form, makes the second delivery a no-op.
alter table doubt add column form_id uuid;
create unique index doubt_form_id_key on doubt (form_id);
alter table test_result add column form_id uuid;
create unique index test_result_form_id_key on test_result (form_id);
