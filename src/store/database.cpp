#include "store/database.h"

#include <atomic>

#include "common/error.h"
#include "common/log.h"
#include "store/clock.h"
#include "store/database_url.h"
#include "store/postgres_backend.h"
#include "store/sqlite_backend.h"

namespace echoes::store {
namespace {

constexpr const char* kSqliteMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)";
constexpr const char* kPostgresMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)";

// Arbitrary key of the PostgreSQL advisory lock that lets one node at a time migrate.
constexpr const char* kMigrationLockKey = "4242014";

// Holds PostgreSQL's migration lock for its lifetime; nothing on SQLite, where
// BEGIN IMMEDIATE already serializes migrating processes.
class MigrationLock {
 public:
  explicit MigrationLock(Connection& c) : c_(c) {
    if (c_.dialect() == Dialect::kPostgres) c_.exec(std::string("SELECT pg_advisory_lock(") + kMigrationLockKey + ")");
  }
  ~MigrationLock() {
    if (c_.dialect() != Dialect::kPostgres) return;
    try {
      c_.exec(std::string("SELECT pg_advisory_unlock(") + kMigrationLockKey + ")");
    } catch (const std::exception&) {
      // The lock goes with the session if the connection is gone.
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Connection& c_;
};

const char* migration_sql(const Migration& m, Dialect dialect) {
  return dialect == Dialect::kPostgres && m.postgres_sql ? m.postgres_sql : m.sql;
}

}  // namespace

// ---------------------------------------------------------------- Statement

Statement::Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}

Statement::~Statement() = default;
Statement::Statement(Statement&& other) noexcept = default;
Statement& Statement::operator=(Statement&& other) noexcept = default;

Statement& Statement::bind(int index, std::nullptr_t) {
  backend_->bind_null(index);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  backend_->bind_int64(index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  backend_->bind_double(index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  backend_->bind_text(index, text);
  return *this;
}

bool Statement::step() { return backend_->step(); }

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() { backend_->reset(); }

bool Statement::is_null(int column) const { return backend_->is_null(column); }

std::int64_t Statement::column_int64(int column) const { return backend_->column_int64(column); }

double Statement::column_double(int column) const { return backend_->column_double(column); }

std::string Statement::column_text(int column) const { return backend_->column_text(column); }

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

// --------------------------------------------------------------- Connection

Connection::Connection(std::unique_ptr<ConnectionBackend> backend) : backend_(std::move(backend)) {}

Connection::~Connection() = default;

void Connection::exec(const std::string& sql) { backend_->exec(sql); }

int Connection::changes() const { return backend_->changes(); }

bool Connection::in_transaction() const { return backend_->in_transaction(); }

// -------------------------------------------------------------- Transaction

Transaction::Transaction(Connection& connection) : connection_(connection) {
  if (connection_.in_transaction()) {
    static std::atomic<std::uint64_t> counter{0};
    savepoint_ = "sp" + std::to_string(++counter);
    connection_.exec("SAVEPOINT " + savepoint_);
  } else {
    connection_.exec(connection_.begin_sql());
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
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); a
    // PostgreSQL transaction aborted by an error still needs its ROLLBACK.
    if (connection_.in_transaction()) connection_.exec("ROLLBACK");
  } else {
    connection_.exec("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
  }
}

// ----------------------------------------------------------------- Database

Database::Database(std::string location, DatabaseOptions options, std::span<const Migration> migrations)
    : location_(std::move(location)),
      dialect_(is_postgres_url(location_) ? Dialect::kPostgres : Dialect::kSqlite),
      options_(options) {
  migrate(migrations);
  if (dialect_ == Dialect::kPostgres) {
    log::info("database_opened", {{"backend", "postgresql"}, {"url", redact_database_url(location_)}});
  }
}

std::unique_ptr<Connection> Database::open_connection() const {
  if (dialect_ == Dialect::kPostgres) return std::make_unique<Connection>(open_postgres(location_, options_));
  return std::make_unique<Connection>(open_sqlite(location_, options_));
}

Database::~Database() = default;

Connection& Database::connection() {
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  // A connection whose server went away is replaced, unless a transaction still
  // holds it (that one has to fail and roll back first).
  if (!slot || (!slot->usable() && !slot->in_transaction())) slot = open_connection();
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
  MigrationLock lock(c);
  c.exec(dialect_ == Dialect::kPostgres ? kPostgresMigrationsTable : kSqliteMigrationsTable);
  for (const Migration& m : migrations) {
    // The version check sits inside the write transaction, so two processes
    // opening the same file cannot both apply a migration.
    Transaction tx(c);
    auto done = c.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    done.bind(1, m.version);
    if (done.step()) continue;
    c.exec(migration_sql(m, dialect_));
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
