-- People who sign in, their sessions and the sign-in attempts used for throttling.

create table app_user (
    id            uuid primary key default gen_random_uuid(),
    email         text not null check (email <> '' and email = lower(email)),
    display_name  text not null check (length(trim(display_name)) > 0),
    password_hash text not null,
    role          text not null check (role in ('admin', 'hr', 'manager', 'panelist')),
    locale        text not null default 'nb' check (locale in ('nb', 'en')),
    disabled      boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
-- Emails are stored lower-case; the index also guards against mixed-case writes.
create unique index app_user_email_key on app_user (lower(email));

-- Server-side sessions (tower-sessions' Postgres store), so a restart or a second
-- instance keeps everyone signed in.
create table user_session (
    id          text primary key not null,
    data        bytea not null,
    expiry_date timestamptz not null
);
create index user_session_expiry_idx on user_session (expiry_date);

-- Every sign-in attempt, kept briefly: throttling counts recent failures per
-- account and per address across all instances.
create table login_attempt (
    id           bigint generated always as identity primary key,
    email        text not null,
    client_ip    text not null,
    succeeded    boolean not null,
    attempted_at timestamptz not null default now()
);
create index login_attempt_email_idx on login_attempt (email, attempted_at);
create index login_attempt_ip_idx on login_attempt (client_ip, attempted_at);
