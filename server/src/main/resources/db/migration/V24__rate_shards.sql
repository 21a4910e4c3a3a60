-- Survey submissions count against their limits in one of 16 shard rows per (key, window) instead of one counter
-- row per key. The single row was updated by every submission behind one address (a whole estate behind a
-- carrier's NAT address) and stayed locked until that submission's transaction committed, so those submissions ran
-- one at a time; with shards, 16 can. A count sums at most 16 rows, whatever the limit. Pruned with rate_window
-- (RateLimiter.prune).
create table rate_shard (
    key          text        not null,
    window_start timestamptz not null,
    shard        smallint    not null,
    hits         integer     not null,
    primary key (key, window_start, shard)
);
create index rate_shard_window on rate_shard (window_start);
