-- The candidate's papers: CV, test reports, work samples. The bytes live in
-- Postgres as bytea, one row per distinct content (keyed by its SHA-256), and
-- each upload is a row of metadata pointing at them.
--
-- Why bytea and not large objects: a large object is not removed with the row
-- that names it (no cascade; every delete needs lo_unlink, and a missed one
-- leaves personal data behind the retention purge), while a bytea row goes with
-- a plain delete. A file is at most 20 MB (SECONDROUND_PAPER_MAX_MB) and bytea
-- holds 1 GB; inserting one of 20 MB took well under a second (BENCHMARKS.md).
create table paper_blob (
    sha256     bytea primary key check (length(sha256) = 32),
    bytes      bytea not null,
    created_at timestamptz not null default now()
);
-- PDFs, images and office files are compressed already; stored uncompressed,
-- a range request reads only the chunks it needs.
alter table paper_blob alter column bytes set storage external;

create table paper (
    id             uuid primary key default gen_random_uuid(),
    candidate_id   uuid not null references candidate (id) on delete cascade,
    sha256         bytea not null references paper_blob (sha256),
    name           text not null check (length(name) between 1 and 200),
    media_type     text not null check (media_type in (
                       'application/pdf',
                       'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                       'application/vnd.oasis.opendocument.text',
                       'image/png', 'image/jpeg', 'text/plain')),
    size_bytes     bigint not null check (size_bytes > 0),
    round_id       uuid references interview_round (id) on delete set null,
    test_result_id uuid references test_result (id) on delete set null,
    uploaded_by    uuid references app_user (id) on delete set null,
    uploaded_at    timestamptz not null default now(),
    -- The same file twice for one candidate is one paper.
    constraint paper_once unique (candidate_id, sha256)
);
create index paper_sha256_idx on paper (sha256);
create index paper_round_idx on paper (round_id);
create index paper_test_result_idx on paper (test_result_id);
