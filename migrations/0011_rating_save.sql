-- Every applied rating save, by the id its device gave it, so that a save
-- replayed from an offline queue is recognised even after later saves
-- (rating.last_save_id only remembers the latest one).
create table rating_save (
    save_id   uuid primary key,
    rating_id uuid not null references rating (id) on delete cascade,
    saved_at  timestamptz not null default now()
);
create index rating_save_rating_idx on rating_save (rating_id);
