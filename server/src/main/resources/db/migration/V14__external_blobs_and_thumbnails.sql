-- Task BLOBS (issue 10). A blob's row stays in PostgreSQL whichever store holds its bytes: with
-- tanfang.blobs.store=s3 the bytes are an object in the bucket (key: its SHA-256) and the row has no content.
-- The row is what makes a blob exist for the application: it commits with the photo row that references it.
alter table blob add column stored_in text not null default 'postgres';
alter table blob alter column content drop not null;
alter table blob drop constraint blob_size;
alter table blob add constraint blob_stored_in check (stored_in in ('postgres', 's3'));
alter table blob add constraint blob_content_where_stored check ((stored_in = 'postgres') = (content is not null));
alter table blob add constraint blob_size check (content is null or size_bytes = octet_length(content));

-- Thumbnails for lists: derived from a blob, stored as a blob of their own (content-addressed, in the same store),
-- made once on the first request and found here afterwards.
create table blob_thumbnail (
    source_sha256 text        not null references blob (sha256),
    max_side      integer     not null check (max_side > 0),
    sha256        text        not null references blob (sha256),
    width         integer     not null,
    height        integer     not null,
    created_at    timestamptz not null default now(),
    primary key (source_sha256, max_side)
);
