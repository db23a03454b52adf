#include "store/sqlite_backend.h"

#include <sqlite3.h>

#include "common/error.h"
#include "common/log.h"
#include "store/database.h"

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

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
    check(db_, sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr));
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_null(int index) override { check(db_, sqlite3_bind_null(stmt_, index)); }
  void bind_int64(int index, std::int64_t value) override { check(db_, sqlite3_bind_int64(stmt_, index, value)); }
  void bind_double(int index, double value) override { check(db_, sqlite3_bind_double(stmt_, index, value)); }
  void bind_text(int index, std::string_view text) override {
    // A non-null pointer even for "", so empty strings are stored as '' not NULL.
    check(db_, sqlite3_bind_text64(stmt_, index, text.empty() ? "" : text.data(), text.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
  }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);  // releases locks; the error code stays on the connection
    throw_sqlite(db_, rc);
  }
  void reset() override { sqlite3_reset(stmt_); }

  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t column_int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double column_double(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string column_text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!text) return {};
    return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteConnection final : public ConnectionBackend {
 public:
  SqliteConnection(const std::filesystem::path& path, const DatabaseOptions& options) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      log::error("database_open_failed", {{"detail", db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)}});
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw Error(error_code::kInternal, "The database could not be opened.");
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
      configure(options);
    } catch (...) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw;
    }
  }
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, sql);
  }
  void exec(const std::string& sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);  // the same text is available from sqlite3_errmsg
    check(db_, rc);
  }
  int changes() const override { return sqlite3_changes(db_); }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  bool usable() const override { return true; }
  Dialect dialect() const override { return Dialect::kSqlite; }
  // IMMEDIATE: wait for the write lock up front instead of failing half-way when a
  // read has to be upgraded.
  const char* begin_sql() const override { return "BEGIN IMMEDIATE"; }

 private:
  void configure(const DatabaseOptions& options) {
    check(db_, sqlite3_busy_timeout(db_, options.busy_timeout_ms));
    // journal_mode answers with the mode in force; anything but "wal" means the
    // file system refused it (e.g. no shared memory), which we do not accept.
    SqliteStatement mode(db_, "PRAGMA journal_mode=WAL");
    if (!mode.step() || mode.column_text(0) != "wal") {
      throw Error(error_code::kInternal, "The database could not be switched to WAL mode.");
    }
    exec("PRAGMA foreign_keys=ON");
    exec(options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  }

  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<ConnectionBackend> open_sqlite(const std::filesystem::path& path, const DatabaseOptions& options) {
  return std::make_unique<SqliteConnection>(path, options);
}

}  // namespace echoes::store
