-- A form's id is made by the client, so it names a form only among its
-- author's: another user's doubt or test result with the same id is a record
-- of its own, never the first user's returned. (Replaces 0023's indexes.)
drop index doubt_form_id_key;
create unique index doubt_form_id_key on doubt (raised_by, form_id);
drop index test_result_form_id_key;
create unique index test_result_form_id_key on test_result (recorded_by, form_id);
