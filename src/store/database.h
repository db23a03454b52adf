#pragma once
// Database access for Echoes: connections, prepared statements, transactions and
// versioned migrations, over embedded SQLite (the default) or PostgreSQL (a libpq URI,
// for running many nodes). Repositories write each query once with SQLite-style `?`
// placeholders; store/sql_backend.h is the interface both engines implement, and
// store/sql_dialect.h the few helpers for where their SQL differs.
//
// Threading model: a Database hands each calling thread its own connection (created
// on first use, closed with the Database). Connections are never shared between
// threads, so a Transaction on one thread can never pick up statements of another.
// SQLite: WAL lets readers proceed while one writer commits; writers queue on the lock
// (busy_timeout), and write transactions start with BEGIN IMMEDIATE so they wait up
// front. PostgreSQL: MVCC; a writer waits for row locks up to busy_timeout
// (lock_timeout), and a lost connection is replaced on the thread's next call.
//
// Errors are echoes::Error: kConflict for unique/primary-key violations,
// kNotFound for a missing referenced row (foreign key), kInvalidArgument for a
// check or not-null violation, kUnavailable when the database stayed locked past
// busy_timeout or cannot be reached, kInternal otherwise. Messages never contain
// SQL, paths or passwords; the engine's detail goes to the log.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "store/migrations.h"
#include "store/sql_backend.h"

namespace echoes::store {

struct DatabaseOptions {
  /// A writer waits this long for a lock held by another connection before giving
  /// up with kUnavailable (SQLite busy_timeout, PostgreSQL lock_timeout).
  int busy_timeout_ms = 5000;
  /// synchronous=FULL: a commit is on disk when it returns. Needed because
  /// deleting a recording removes its files right after the commit; with
  /// NORMAL a power cut could roll the delete back after the files are gone.
  /// (SQLite only; PostgreSQL commits are durable with its default settings.)
  bool synchronous_full = true;
};

/// A prepared statement. Bind indexes and column indexes follow SQLite:
/// bind() is 1-based, column_*() is 0-based. Move-only; finalized on destruction.
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // copied
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  /// Binds the arguments to parameters 1..N in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  /// Advances to the next row: true when a row is available, false when done.
  bool step();
  /// Runs a statement that returns no rows (or whose rows are not needed).
  void run();
  /// Makes the statement runnable again; bindings are kept.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;  // "" for NULL
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<double> column_optional_double(int column) const;

 private:
  std::unique_ptr<StatementBackend> backend_;
};

/// One database connection, used by one thread at a time.
class Connection {
 public:
  explicit Connection(std::unique_ptr<ConnectionBackend> backend);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement prepare(std::string_view sql) { return Statement(backend_->prepare(sql)); }
  /// Runs one or more statements that return no rows.
  void exec(const std::string& sql);
  /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int changes() const;
  /// True while a transaction is open on this connection.
  bool in_transaction() const;
  /// False once the session to the server is lost.
  bool usable() const { return backend_->usable(); }
  /// Which SQL dialect this connection speaks (see store/sql_dialect.h).
  Dialect dialect() const { return backend_->dialect(); }
  const char* begin_sql() const { return backend_->begin_sql(); }

 private:
  std::unique_ptr<ConnectionBackend> backend_;
};

/// RAII transaction. The outermost one is BEGIN [IMMEDIATE] ... COMMIT; a
/// Transaction opened while another is active on the same connection becomes
/// a SAVEPOINT, so repository functions can be composed. Rolled back on
/// destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  void rollback();

 private:
  Connection& connection_;
  std::string savepoint_;  // empty for the outermost transaction
  bool open_ = true;
};

/// The Echoes database. `location` is a file path (SQLite: the file is created if
/// needed and switched to WAL) or a `postgresql://` / `postgres://` libpq URI. Opening
/// it applies every pending migration in order, each in its own transaction.
/// Thread-safe: see the threading model at the top of this file.
class Database {
 public:
  /// `migrations` must be numbered 1, 2, 3, ... (default: the Echoes schema).
  /// Throws kInternal when the file cannot be opened or was written by a newer
  /// Echoes (a version this build does not know), kUnavailable when the
  /// PostgreSQL server cannot be reached.
  explicit Database(std::string location, DatabaseOptions options = {},
                    std::span<const Migration> migrations = schema_migrations());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// The calling thread's connection (opened on first use).
  Connection& connection();
  /// Closes the calling thread's connection, e.g. before a worker thread ends.
  void release_thread_connection();

  /// Highest applied migration version.
  int schema_version();
  Dialect dialect() const { return dialect_; }

 private:
  std::unique_ptr<Connection> open_connection() const;
  void migrate(std::span<const Migration> migrations);

  std::string location_;  // a path or a URI that may hold a password: never logged as is
  Dialect dialect_;
  DatabaseOptions options_;
  std::mutex mutex_;  // guards connections_ (not the connections themselves)
  std::unordered_map<std::thread::id, std::unique_ptr<Connection>> connections_;
};

}  // namespace echoes::store
