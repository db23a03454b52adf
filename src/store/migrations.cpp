#include "store/migrations.h"

#include <array>

namespace echoes::store {
namespace {

// Conventions (docs/data-model.md): ids are 32 lowercase hex chars of random
// 128-bit values; timestamps are unix epoch seconds as REAL; JSON columns hold
// valid JSON text (checked with json_valid).
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  created_at    REAL NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at REAL NOT NULL,
  expires_at REAL NOT NULL,
  revoked_at REAL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE recordings (
  id                TEXT PRIMARY KEY,
  user_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  passage_id        TEXT NOT NULL,
  original_filename TEXT NOT NULL,
  content_type      TEXT NOT NULL,
  original_path     TEXT NOT NULL UNIQUE,
  working_path      TEXT NOT NULL UNIQUE,
  sha256            TEXT NOT NULL,
  size_bytes        INTEGER NOT NULL CHECK (size_bytes >= 0),
  duration_s        REAL NOT NULL CHECK (duration_s >= 0),
  analysis_json     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(analysis_json)),
  files_missing     INTEGER NOT NULL DEFAULT 0 CHECK (files_missing IN (0, 1)),
  created_at        REAL NOT NULL
);
CREATE INDEX recordings_by_user ON recordings(user_id, created_at);

CREATE TABLE voices (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status       TEXT NOT NULL,
  path         TEXT,
  quality_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(quality_json)),
  created_at   REAL NOT NULL,
  updated_at   REAL NOT NULL
);
CREATE INDEX voices_by_user ON voices(user_id, created_at);

CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress     REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  message      TEXT NOT NULL DEFAULT '',
  payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json)),
  result_json  TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
  created_at   REAL NOT NULL,
  started_at   REAL,
  finished_at  REAL,
  attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_state ON jobs(state, created_at);
CREATE INDEX jobs_by_user ON jobs(user_id, state);

CREATE TABLE audit_events (
  id          TEXT PRIMARY KEY,
  user_id     TEXT REFERENCES users(id) ON DELETE SET NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail_json)),
  created_at  REAL NOT NULL
);
CREATE INDEX audit_events_by_user ON audit_events(user_id, created_at);
)sql";

// AI Echo (docs/chat.md): persona, memories with a full-text index, conversations.
// memories has an explicit INTEGER PRIMARY KEY (seq) because the external-content
// FTS5 index refers to rows by rowid, and an implicit rowid may change on VACUUM.
constexpr const char* kAiEchoSchema = R"sql(
CREATE TABLE personas (
  user_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  name           TEXT NOT NULL DEFAULT '',
  speaking_style TEXT NOT NULL DEFAULT '',
  audience       TEXT NOT NULL DEFAULT '',
  updated_at     REAL NOT NULL
);

CREATE TABLE memories (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'passage')),
  created_at REAL NOT NULL
);
CREATE INDEX memories_by_user ON memories(user_id, created_at);

CREATE VIRTUAL TABLE memories_fts USING fts5(
  title, text, content = 'memories', content_rowid = 'seq', tokenize = 'porter unicode61'
);
CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
  INSERT INTO memories_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
  INSERT INTO memories_fts(memories_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER memories_fts_update AFTER UPDATE ON memories BEGIN
  INSERT INTO memories_fts(memories_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO memories_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TABLE conversations (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL
);
CREATE INDEX conversations_by_user ON conversations(user_id, updated_at);

CREATE TABLE messages (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text            TEXT NOT NULL,
  confidence      REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  sources_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources_json)),
  fallback_level  INTEGER CHECK (fallback_level IS NULL OR fallback_level IN (0, 1, 2)),
  created_at      REAL NOT NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
CREATE INDEX messages_by_user ON messages(user_id);
)sql";

// Consent to voice building (docs/consent.md): each accepted spoken consent statement,
// with the evidence that it was checked. The audio itself is a file under audio/<user>/
// that cleanup_orphans() keeps while a row refers to it.
constexpr const char* kConsentSchema = R"sql(
CREATE TABLE consents (
  id             TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  statement      TEXT NOT NULL,
  spoken_date    TEXT NOT NULL,
  audio_path     TEXT NOT NULL UNIQUE,
  sha256         TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
  match_score    REAL NOT NULL,
  voice_distance REAL,
  signature_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(signature_json)),
  created_at     REAL NOT NULL
);
CREATE INDEX consents_by_user ON consents(user_id, created_at);
)sql";

// Migration 4: every synthesis served (for ratings and usage analytics; no text kept,
// only its length) and the ratings people give them.
constexpr const char* kFeedbackSchema = R"sql(
CREATE TABLE syntheses (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  voice_id      TEXT,
  text_chars    INTEGER NOT NULL CHECK (text_chars >= 0),
  audio_s       REAL NOT NULL DEFAULT 0,
  first_audio_s REAL,
  streamed      INTEGER NOT NULL DEFAULT 0,
  created_at    REAL NOT NULL
);
CREATE INDEX syntheses_by_user ON syntheses(user_id, created_at);
CREATE TABLE feedback (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  synthesis_id TEXT NOT NULL REFERENCES syntheses(id) ON DELETE CASCADE,
  rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment      TEXT NOT NULL DEFAULT '',
  created_at   REAL NOT NULL,
  UNIQUE (user_id, synthesis_id)
);
)sql";

// Migration 5: clients that have signed in to an account before (a random device token
// kept in a cookie, stored as its SHA-256), so the owner can still sign in while guessing
// by others has the account throttled.
constexpr const char* kKnownDeviceSchema = R"sql(
CREATE TABLE known_devices (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   REAL NOT NULL,
  last_seen_at REAL NOT NULL
);
CREATE INDEX known_devices_by_user ON known_devices(user_id, last_seen_at);
)sql";

// Migration 6: token buckets of the abuse limits (server/rate_limiter.h), in the database so
// that they hold across API nodes and restarts.
constexpr const char* kRateBucketSchema = R"sql(
CREATE TABLE rate_buckets (
  bucket_key TEXT PRIMARY KEY,
  tokens     REAL NOT NULL,
  updated_s  REAL NOT NULL
);
)sql";

// Migration 7: job leases. A worker holds a running job for lease_s at a time and renews it
// while it works; a job whose lease ran out (its worker died) is claimed again by any node.
constexpr const char* kJobLeaseSchema = R"sql(
ALTER TABLE jobs ADD COLUMN worker_id TEXT;
ALTER TABLE jobs ADD COLUMN lease_until REAL;
)sql";

// ----------------------------------------------------------------- PostgreSQL
// The same schema for PostgreSQL. The differences: DOUBLE PRECISION for REAL (a
// PostgreSQL REAL is 4 bytes), BIGINT for byte sizes, json_valid() and the
// case-insensitive collation "nocase" defined here, and an explicit `rowid` identity
// column on the tables whose queries break ties by insertion order (SQLite has it
// implicitly).
constexpr const char* kInitialSchemaPostgres = R"sql(
CREATE FUNCTION json_valid(value TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  PERFORM value::json;
  RETURN TRUE;
EXCEPTION WHEN others THEN
  RETURN FALSE;
END
$$;
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE nocase,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  created_at    DOUBLE PRECISION NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at DOUBLE PRECISION NOT NULL,
  expires_at DOUBLE PRECISION NOT NULL,
  revoked_at DOUBLE PRECISION
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE recordings (
  rowid             BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id                TEXT PRIMARY KEY,
  user_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  passage_id        TEXT NOT NULL,
  original_filename TEXT NOT NULL,
  content_type      TEXT NOT NULL,
  original_path     TEXT NOT NULL UNIQUE,
  working_path      TEXT NOT NULL UNIQUE,
  sha256            TEXT NOT NULL,
  size_bytes        BIGINT NOT NULL CHECK (size_bytes >= 0),
  duration_s        DOUBLE PRECISION NOT NULL CHECK (duration_s >= 0),
  analysis_json     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(analysis_json)),
  files_missing     INTEGER NOT NULL DEFAULT 0 CHECK (files_missing IN (0, 1)),
  created_at        DOUBLE PRECISION NOT NULL
);
CREATE INDEX recordings_by_user ON recordings(user_id, created_at);

CREATE TABLE voices (
  rowid        BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status       TEXT NOT NULL,
  path         TEXT,
  quality_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(quality_json)),
  created_at   DOUBLE PRECISION NOT NULL,
  updated_at   DOUBLE PRECISION NOT NULL
);
CREATE INDEX voices_by_user ON voices(user_id, created_at);

CREATE TABLE jobs (
  rowid        BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress     DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  message      TEXT NOT NULL DEFAULT '',
  payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json)),
  result_json  TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
  created_at   DOUBLE PRECISION NOT NULL,
  started_at   DOUBLE PRECISION,
  finished_at  DOUBLE PRECISION,
  attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_state ON jobs(state, created_at);
CREATE INDEX jobs_by_user ON jobs(user_id, state);

CREATE TABLE audit_events (
  rowid       BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id          TEXT PRIMARY KEY,
  user_id     TEXT REFERENCES users(id) ON DELETE SET NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail_json)),
  created_at  DOUBLE PRECISION NOT NULL
);
CREATE INDEX audit_events_by_user ON audit_events(user_id, created_at);
)sql";

// Memory search uses PostgreSQL full-text search instead of FTS5: a stored tsvector
// (title weighted A, text B, English stemming like FTS5's porter) with a GIN index.
constexpr const char* kAiEchoSchemaPostgres = R"sql(
CREATE TABLE personas (
  user_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  name           TEXT NOT NULL DEFAULT '',
  speaking_style TEXT NOT NULL DEFAULT '',
  audience       TEXT NOT NULL DEFAULT '',
  updated_at     DOUBLE PRECISION NOT NULL
);

CREATE TABLE memories (
  seq        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'passage')),
  created_at DOUBLE PRECISION NOT NULL,
  search     TSVECTOR GENERATED ALWAYS AS (
               setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX memories_by_user ON memories(user_id, created_at);
CREATE INDEX memories_search ON memories USING GIN (search);

CREATE TABLE conversations (
  rowid      BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  created_at DOUBLE PRECISION NOT NULL,
  updated_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX conversations_by_user ON conversations(user_id, updated_at);

CREATE TABLE messages (
  rowid           BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text            TEXT NOT NULL,
  confidence      DOUBLE PRECISION CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  sources_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources_json)),
  fallback_level  INTEGER CHECK (fallback_level IS NULL OR fallback_level IN (0, 1, 2)),
  created_at      DOUBLE PRECISION NOT NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
CREATE INDEX messages_by_user ON messages(user_id);
)sql";

constexpr const char* kConsentSchemaPostgres = R"sql(
CREATE TABLE consents (
  rowid          BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  id             TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  statement      TEXT NOT NULL,
  spoken_date    TEXT NOT NULL,
  audio_path     TEXT NOT NULL UNIQUE,
  sha256         TEXT NOT NULL,
  size_bytes     BIGINT NOT NULL CHECK (size_bytes >= 0),
  match_score    DOUBLE PRECISION NOT NULL,
  voice_distance DOUBLE PRECISION,
  signature_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(signature_json)),
  created_at     DOUBLE PRECISION NOT NULL
);
CREATE INDEX consents_by_user ON consents(user_id, created_at);
)sql";

constexpr const char* kFeedbackSchemaPostgres = R"sql(
CREATE TABLE syntheses (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  voice_id      TEXT,
  text_chars    INTEGER NOT NULL CHECK (text_chars >= 0),
  audio_s       DOUBLE PRECISION NOT NULL DEFAULT 0,
  first_audio_s DOUBLE PRECISION,
  streamed      INTEGER NOT NULL DEFAULT 0,
  created_at    DOUBLE PRECISION NOT NULL
);
CREATE INDEX syntheses_by_user ON syntheses(user_id, created_at);
CREATE TABLE feedback (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  synthesis_id TEXT NOT NULL REFERENCES syntheses(id) ON DELETE CASCADE,
  rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment      TEXT NOT NULL DEFAULT '',
  created_at   DOUBLE PRECISION NOT NULL,
  UNIQUE (user_id, synthesis_id)
);
)sql";

constexpr const char* kKnownDeviceSchemaPostgres = R"sql(
CREATE TABLE known_devices (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   DOUBLE PRECISION NOT NULL,
  last_seen_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX known_devices_by_user ON known_devices(user_id, last_seen_at);
)sql";

constexpr const char* kRateBucketSchemaPostgres = R"sql(
CREATE TABLE rate_buckets (
  bucket_key TEXT PRIMARY KEY,
  tokens     DOUBLE PRECISION NOT NULL,
  updated_s  DOUBLE PRECISION NOT NULL
);
)sql";

constexpr const char* kJobLeaseSchemaPostgres = R"sql(
ALTER TABLE jobs ADD COLUMN worker_id TEXT;
ALTER TABLE jobs ADD COLUMN lease_until DOUBLE PRECISION;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "users, sessions, recordings, voices, jobs, audit events", kInitialSchema, kInitialSchemaPostgres},
    Migration{2, "ai echo: personas, memories (fts5), conversations, messages", kAiEchoSchema, kAiEchoSchemaPostgres},
    Migration{3, "consents (spoken consent to voice building)", kConsentSchema, kConsentSchemaPostgres},
    Migration{4, "syntheses and their ratings", kFeedbackSchema, kFeedbackSchemaPostgres},
    Migration{5, "known devices (sign-in while the account is throttled)", kKnownDeviceSchema,
              kKnownDeviceSchemaPostgres},
    Migration{6, "rate-limit token buckets (shared by every node)", kRateBucketSchema, kRateBucketSchemaPostgres},
    Migration{7, "job leases (a job whose worker died is claimed again)", kJobLeaseSchema, kJobLeaseSchemaPostgres},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace echoes::store
