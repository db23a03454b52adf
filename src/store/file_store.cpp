#include "store/file_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include "common/log.h"

#include "common/error.h"
#include "store/ids.h"
#include "store/object_key.h"

namespace echoes::store {
namespace fs = std::filesystem;
namespace {

constexpr size_t kWriteChunkBytes = 1 << 20;

[[noreturn]] void throw_io(const char* what, const fs::path& path, int err) {
  log::error("file_store_error", {{"operation", what}, {"path", path.string()}, {"detail", std::strerror(err)}});
  throw Error(error_code::kInternal, "The file could not be saved or read.");
}

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io("open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_io("fsync directory", dir, err);
}

void write_all(int fd, std::string_view bytes, const fs::path& path, const std::function<void()>& after_first) {
  size_t offset = 0;
  bool first = true;
  do {
    const size_t chunk = std::min(kWriteChunkBytes, bytes.size() - offset);
    size_t done = 0;
    while (done < chunk) {
      const ssize_t n = ::write(fd, bytes.data() + offset + done, chunk - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw_io("write", path, errno);
      done += static_cast<size_t>(n);
    }
    offset += chunk;
    if (first) after_first();
    first = false;
  } while (offset < bytes.size());
}

}  // namespace

FileStore::FileStore(const fs::path& data_dir, FileStoreOptions options) : options_(std::move(options)) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) throw_io("create data directory", data_dir, ec.value());
  data_dir_ = fs::canonical(data_dir, ec);
  if (ec) throw_io("resolve data directory", data_dir, ec.value());
}

bool FileStore::is_temp_name(std::string_view filename) { return store::is_temp_name(filename); }

void FileStore::fault(std::string_view point) const {
  if (options_.fault_hook) options_.fault_hook(point);
}

fs::path FileStore::resolve(std::string_view relative_path) const {
  fs::path path = data_dir_;
  for (std::string_view part : checked_key_components(relative_path)) {
    path /= part;
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(path, ec);
    if (fs::is_symlink(status)) throw_bad_key();
    if (!fs::exists(status)) break;  // nothing below a missing folder can be a symlink yet
  }
  return data_dir_ / fs::path(std::string(relative_path));
}

void FileStore::ensure_directories(const fs::path& absolute_dir) const {
  fs::path current = data_dir_;
  for (const fs::path& part : absolute_dir.lexically_relative(data_dir_)) {
    if (part == ".") continue;
    const fs::path parent = current;
    current /= part;
    if (::mkdir(current.c_str(), 0750) == 0) {
      fsync_directory(parent);  // make the new folder's entry durable
    } else if (errno != EEXIST) {
      throw_io("create directory", current, errno);
    }
  }
}

void FileStore::write_atomic(std::string_view relative_path, std::string_view bytes) const {
  const fs::path target = resolve(relative_path);
  const fs::path dir = target.parent_path();
  ensure_directories(dir);
  const fs::path temp = dir / (std::string(kTempNamePrefix) + new_id());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
  if (fd < 0) throw_io("create temp file", temp, errno);
  bool fd_open = true;
  try {
    write_all(fd, bytes, temp, [this] { fault("file.partial_write"); });
    fault("file.written");
    if (::fsync(fd) != 0) throw_io("fsync", temp, errno);
    fd_open = false;
    if (::close(fd) != 0) throw_io("close", temp, errno);
    if (::rename(temp.c_str(), target.c_str()) != 0) throw_io("rename", target, errno);
  } catch (...) {
    if (fd_open) ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  fault("file.renamed");
  fsync_directory(dir);
}

std::string FileStore::read(std::string_view relative_path) const {
  const fs::path path = resolve(relative_path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) throw Error(error_code::kNotFound, "The file was not found.");
    throw_io("open", path, errno);
  }
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw_io("read", path, err);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

bool FileStore::exists(std::string_view relative_path) const {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(resolve(relative_path), ec));
}

bool FileStore::remove(std::string_view relative_path) const {
  const fs::path path = resolve(relative_path);
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  throw_io("remove", path, errno);
}

std::vector<std::string> FileStore::list_files(std::string_view relative_dir) const {
  const fs::path root = resolve(relative_dir);
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(root, ec))) return files;
  // The iterator does not follow symlinked folders; symlinked files are skipped below.
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && !it->is_symlink()) {
      files.push_back(it->path().lexically_relative(data_dir_).generic_string());
    }
  }
  if (ec) throw_io("list", root, ec.value());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> FileStore::list(std::string_view folder) const {
  std::vector<std::string> keys = list_files(folder);
  std::erase_if(keys, [](const std::string& key) { return is_temp_name(key.substr(key.rfind('/') + 1)); });
  return keys;
}

int FileStore::remove_temp_files() const {
  int removed = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(data_dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory() && is_temp_name(it->path().filename().string())) {
      if (::unlink(it->path().c_str()) == 0) ++removed;
    }
  }
  if (ec) throw_io("list", data_dir_, ec.value());
  return removed;
}

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace echoes::store
