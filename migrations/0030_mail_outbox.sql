-- Mail: every notice is written to an outbox in the same transaction as the change
-- it tells of; a sender task delivers it over SMTP and records what happened.

create table mail_outbox (
    id             uuid primary key default gen_random_uuid(),
    created_at     timestamptz not null default now(),
    kind           text not null check (kind in (
                       'invitation', 'invitation_update', 'invitation_cancel',
                       'reminder', 'panel_ready', 'doubt_digest',
                       'doubt_raised', 'doubt_settled', 'decision', 'follow_up_due')),
    -- The person it is for; the address is copied, so a later change of address
    -- does not redirect mail already written.
    recipient_id   uuid references app_user (id) on delete set null,
    recipient      text not null,
    -- The candidate it is about, for retention and the candidate's data export.
    candidate_id   uuid references candidate (id) on delete cascade,
    -- A cancelled round is deleted; the mail about it stays.
    round_id       uuid references interview_round (id) on delete set null,
    locale         text not null check (locale in ('nb', 'en')),
    subject        text not null,
    -- What the mail says, rendered to text and HTML when it is sent:
    -- {"intro": "...", "lines": [["label", "value"], ...], "link": "/path", "outro": "..."}.
    body           jsonb not null,
    -- The iCalendar attachment, when it carries one, and its METHOD.
    calendar       text,
    calendar_method text check (calendar_method in ('REQUEST', 'CANCEL')),
    -- The same notice is written once (a reminder number, the panel being ready, a day's digest).
    dedupe_key     text unique,
    state          text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
    attempts       integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error     text not null default '',
    sent_at        timestamptz,
    -- Kept from the first attempt, so a mail sent again after a crash is recognisably the same.
    message_id     text not null,
    constraint mail_outbox_calendar_method check ((calendar is null) = (calendar_method is null))
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where state = 'pending';
create index mail_outbox_candidate_idx on mail_outbox (candidate_id);
create index mail_outbox_created_idx on mail_outbox (created_at desc);

-- A calendar entry per round and member: its UID stays, its SEQUENCE rises with
-- every change sent, so calendars replace the entry instead of adding one.
create table round_invitation (
    round_id  uuid not null references interview_round (id) on delete cascade,
    user_id   uuid not null references app_user (id) on delete cascade,
    sequence  integer not null default 0,
    primary key (round_id, user_id)
);

-- Reminders already sent to a member who has not submitted.
alter table panel_member
    add column reminders_sent integer not null default 0,
    add column last_reminded_at timestamptz;

-- Each person may turn reminders and digests off; invitations always go.
alter table app_user
    add column mail_reminders boolean not null default true,
    add column mail_digests boolean not null default true;

-- The installation's mail intervals, set by an admin.
alter table setting
    add column reminder_after_hours integer not null default 24
        check (reminder_after_hours between 1 and 240),
    add column reminder_max integer not null default 3 check (reminder_max between 0 and 10),
    add column digest_after_working_days integer not null default 3
        check (digest_after_working_days between 1 and 30);
