-- Bearer tokens for the integration API (/api/v1). Only a SHA-256 hash of the
-- token is kept: the token itself is shown once, when it is created.
create table api_token (
    id           uuid primary key default gen_random_uuid(),
    name         text not null check (length(trim(name)) > 0),
    scope        text not null check (scope in ('read', 'write')),
    token_hash   text not null,
    -- The first characters of the token, so an admin can tell tokens apart.
    token_prefix text not null,
    created_by   uuid references app_user (id) on delete set null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid references app_user (id) on delete set null,
    constraint api_token_hash_key unique (token_hash)
);
