#include "store/database.h"

#include <sqlite3.h>

#include <atomic>
#include "common/log.h"

#include "common/error.h"
#include "store/clock.h"

namespace echoes::store {
namespace {

// Turns a failed SQLite call into an echoes::Error. The SQLite message (which
// can quote SQL, values or the file path) only goes to the log.
[[noreturn]] void throw_sqlite(sqlite3* db, int rc) {
  const int extended = db ? sqlite3_extended_errcode(db) : rc;
  log::warn("sqlite_error", {{"code", extended}, {"detail", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)}});
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw Error(error_code::kConflict, "This item already exists.");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw Error(error_code::kNotFound, "A related item does not exist.");
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      throw Error(error_code::kInvalidArgument, "The data is not valid.");
    default:
      break;
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    throw Error(error_code::kUnavailable, "The database is busy, please try again.");
  }
  throw Error(error_code::kInternal, "A database error occurred.");
}

void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) throw_sqlite(db, rc);
}

}  // namespace

// ---------------------------------------------------------------- Statement

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  check(db_, sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  check(db_, sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  check(db_, sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(db_, sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // A non-null pointer even for "", so empty strings are stored as '' not NULL.
  check(db_, sqlite3_bind_text64(stmt_, index, text.empty() ? "" : text.data(), text.size(),
                                 SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);  // releases locks; the error code stays on the connection
  throw_sqlite(db_, rc);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() { sqlite3_reset(stmt_); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!text) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

// --------------------------------------------------------------- Connection

Connection::Connection(const std::filesystem::path& path, const DatabaseOptions& options) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    log::error("database_open_failed", {{"detail", db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)}});
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(error_code::kInternal, "The database could not be opened.");
  }
  sqlite3_extended_result_codes(db_, 1);
  check(db_, sqlite3_busy_timeout(db_, options.busy_timeout_ms));
  try {
    // journal_mode answers with the mode in force; anything but "wal" means the
    // file system refused it (e.g. no shared memory), which we do not accept.
    Statement mode(db_, "PRAGMA journal_mode=WAL");
    if (!mode.step() || mode.column_text(0) != "wal") {
      throw Error(error_code::kInternal, "The database could not be switched to WAL mode.");
    }
    exec("PRAGMA foreign_keys=ON");
    exec(options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  check(db_, rc);
}

int Connection::changes() const { return sqlite3_changes(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

// -------------------------------------------------------------- Transaction

Transaction::Transaction(Connection& connection) : connection_(connection) {
  if (connection_.in_transaction()) {
    static std::atomic<std::uint64_t> counter{0};
    savepoint_ = "sp" + std::to_string(++counter);
    connection_.exec("SAVEPOINT " + savepoint_);
  } else {
    connection_.exec("BEGIN IMMEDIATE");
  }
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    rollback();
  } catch (const std::exception& e) {
    log::error("rollback_failed", {{"what", e.what()}});
  }
}

void Transaction::commit() {
  if (!open_) throw Error(error_code::kInternal, "A database transaction was used after it ended.");
  connection_.exec(savepoint_.empty() ? "COMMIT" : "RELEASE " + savepoint_);
  open_ = false;
}

void Transaction::rollback() {
  if (!open_) return;
  open_ = false;
  if (savepoint_.empty()) {
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
    if (connection_.in_transaction()) connection_.exec("ROLLBACK");
  } else {
    connection_.exec("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
  }
}

// ----------------------------------------------------------------- Database

Database::Database(std::filesystem::path path, DatabaseOptions options,
                   std::span<const Migration> migrations)
    : path_(std::move(path)), options_(options) {
  migrate(migrations);
}

Database::~Database() = default;

Connection& Database::connection() {
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  if (!slot) slot = std::make_unique<Connection>(path_, options_);
  return *slot;
}

void Database::release_thread_connection() {
  std::unique_ptr<Connection> released;
  {
    std::lock_guard lock(mutex_);
    auto it = connections_.find(std::this_thread::get_id());
    if (it == connections_.end()) return;
    released = std::move(it->second);
    connections_.erase(it);
  }
}

int Database::schema_version() {
  auto st = connection().prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  st.step();
  return static_cast<int>(st.column_int64(0));
}

void Database::migrate(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      throw Error(error_code::kInternal, "The database migrations are not numbered 1, 2, 3, ...");
    }
  }
  Connection& c = connection();
  c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)");
  for (const Migration& m : migrations) {
    // The version check sits inside the write transaction, so two processes
    // opening the same file cannot both apply a migration.
    Transaction tx(c);
    auto done = c.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    done.bind(1, m.version);
    if (done.step()) continue;
    c.exec(m.sql);
    c.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
        .bind_all(m.version, m.name, unix_now_s())
        .run();
    tx.commit();
    log::info("database_migrated", {{"version", m.version}, {"name", m.name}});
  }
  if (schema_version() > static_cast<int>(migrations.size())) {
    throw Error(error_code::kInternal,
                "The database was created by a newer version of Echoes and cannot be used by this one.");
  }
}

}  // namespace echoes::store
