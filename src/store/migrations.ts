/**
 * The schema, one step per version. `PRAGMA user_version` records the last step applied; steps are
 * never edited once released, only appended.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: members and the ledger; each member's total kept beside them.
  `
  CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    points      INTEGER NOT NULL DEFAULT 0,
    uuid        TEXT,
    number      TEXT,
    created_at  INTEGER NOT NULL,
    removed_at  INTEGER
  );
  CREATE UNIQUE INDEX members_present_name ON members (name_key) WHERE removed_at IS NULL;
  CREATE UNIQUE INDEX members_present_uuid ON members (uuid) WHERE removed_at IS NULL AND uuid IS NOT NULL;
  CREATE UNIQUE INDEX members_present_number ON members (number) WHERE removed_at IS NULL AND number IS NOT NULL;

  CREATE TABLE ledger (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES members (id),
    points           INTEGER NOT NULL,
    reason           TEXT,
    actor_kind       TEXT    NOT NULL CHECK (actor_kind IN ('operator', 'chat')),
    actor_uuid       TEXT,
    actor_number     TEXT,
    actor_name       TEXT,
    source           TEXT    NOT NULL CHECK (source IN ('cli', 'chat', 'import', 'undo')),
    created_at       INTEGER NOT NULL,
    undoes           INTEGER UNIQUE REFERENCES ledger (id),
    idempotency_key  TEXT    UNIQUE
  );
  CREATE INDEX ledger_by_member ON ledger (member_id, id);
  `,
  // 2: the ledger refuses updates and deletes; the leaderboard reads an index instead of sorting.
  `
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  CREATE INDEX members_leaderboard ON members (points DESC, name_key) WHERE removed_at IS NULL;
  `,
  // 3: the bot's inbox (commands received, not yet handled) and outbox (replies not yet sent).
  `
  CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    sender_key   TEXT    NOT NULL,
    sent_at      INTEGER NOT NULL,
    message      TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    UNIQUE (sender_key, sent_at)
  );
  CREATE INDEX inbox_pending ON inbox (id) WHERE status = 'pending';

  CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    inbox_id         INTEGER REFERENCES inbox (id),
    recipient        TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    quote_timestamp  INTEGER,
    quote_author     TEXT,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER,
    sent_timestamp   INTEGER,
    last_error       TEXT
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
  `,
  // 4: game settings, seasons, and the indexes that rules and time windows read.
  `
  CREATE TABLE settings (
    key         TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE TABLE seasons (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,
    started_at  INTEGER NOT NULL
  );
  CREATE INDEX ledger_by_time ON ledger (created_at);
  CREATE INDEX ledger_by_giver_uuid ON ledger (actor_uuid, created_at) WHERE actor_uuid IS NOT NULL;
  CREATE INDEX ledger_by_giver_number ON ledger (actor_number, created_at) WHERE actor_number IS NOT NULL;
  `,
  // 5: the bot prunes handled inbox rows; each deletion checks that no reply still points at the row.
  `
  CREATE INDEX outbox_by_inbox ON outbox (inbox_id) WHERE inbox_id IS NOT NULL;
  `,
  // 6: reactions as awards. The ledger takes the source 'reaction' (SQLite changes a CHECK only by copying the
  // table); each person's reaction to a message keeps the award it holds, so a repeat or a change counts once.
  `
  DROP TRIGGER ledger_no_update;
  DROP TRIGGER ledger_no_delete;
  CREATE TABLE ledger_v6 (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES members (id),
    points           INTEGER NOT NULL,
    reason           TEXT,
    actor_kind       TEXT    NOT NULL CHECK (actor_kind IN ('operator', 'chat')),
    actor_uuid       TEXT,
    actor_number     TEXT,
    actor_name       TEXT,
    source           TEXT    NOT NULL CHECK (source IN ('cli', 'chat', 'import', 'undo', 'reaction')),
    created_at       INTEGER NOT NULL,
    undoes           INTEGER UNIQUE REFERENCES ledger_v6 (id),
    idempotency_key  TEXT    UNIQUE
  );
  INSERT INTO ledger_v6 (id, member_id, points, reason, actor_kind, actor_uuid, actor_number, actor_name, source, created_at, undoes, idempotency_key)
    SELECT id, member_id, points, reason, actor_kind, actor_uuid, actor_number, actor_name, source, created_at, undoes, idempotency_key FROM ledger ORDER BY id;
  DROP TABLE ledger;
  ALTER TABLE ledger_v6 RENAME TO ledger;
  CREATE INDEX ledger_by_member ON ledger (member_id, id);
  CREATE INDEX ledger_by_time ON ledger (created_at);
  CREATE INDEX ledger_by_giver_uuid ON ledger (actor_uuid, created_at) WHERE actor_uuid IS NOT NULL;
  CREATE INDEX ledger_by_giver_number ON ledger (actor_number, created_at) WHERE actor_number IS NOT NULL;
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

  CREATE TABLE reactions (
    reactor          TEXT    NOT NULL,
    author           TEXT    NOT NULL,
    target_sent_at   INTEGER NOT NULL,
    reacted_at       INTEGER NOT NULL,
    entry_id         INTEGER REFERENCES ledger (id),
    PRIMARY KEY (reactor, author, target_sent_at)
  ) WITHOUT ROWID;
  `,
  // 7: the recaps the bot posted, one row per period, written in the transaction that queues the recap's replies.
  `
  CREATE TABLE recaps (
    period      TEXT    PRIMARY KEY,
    posted_at   INTEGER NOT NULL
  );
  `,
  // 8: a reply's chart, as the series it is drawn from (JSON), written with the reply and drawn when it is sent.
  `
  ALTER TABLE outbox ADD COLUMN chart TEXT;
  `,
  // 9: how many sends of a reply's chart failed (other than by a rate limit): from a few on, or at once when the
  // server refuses the image, the text goes alone and never with the image again.
  `
  ALTER TABLE outbox ADD COLUMN chart_failures INTEGER NOT NULL DEFAULT 0;
  `,
  // 10: when each setting last changed, unsets included (an unset deletes its settings row, and with it its time).
  `
  CREATE TABLE setting_changes (
    key         TEXT    PRIMARY KEY,
    changed_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO setting_changes (key, changed_at) SELECT key, updated_at FROM settings;
  `,
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** Marks the file as ours (ASCII "CCP1"), so that another program's SQLite file is never taken over. */
export const APPLICATION_ID = 0x43_43_50_31
