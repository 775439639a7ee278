-- The form a token was created from: the same form posted again (a reload, a
-- double click) finds the token it already made instead of making a second one.
alter table api_token add column form_id uuid unique;
