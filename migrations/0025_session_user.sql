-- The signed-in user of each session, beside its data, so that one query reads a
-- session together with its (still active) user: see `web::session_store`. Null
-- for a session nobody has signed in with yet, and for rows written before this
-- column existed (they get it at their next write).
alter table user_session
    add column user_id uuid references app_user (id) on delete cascade;
