# Imported targets for the Debian packages Echoes links against.
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)
pkg_check_modules(FFTW REQUIRED IMPORTED_TARGET fftw3f)
pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# S3 requests (store/s3_object_store.cpp): libcurl signs them itself (CURLOPT_AWS_SIGV4, 7.75+).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl>=7.75)
pkg_check_modules(POCKETSPHINX REQUIRED pocketsphinx)
find_package(Eigen3 REQUIRED NO_MODULE)
find_package(nlohmann_json REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

# flite ships no pkg-config file: link by name.
add_library(echoes_flite INTERFACE)
target_link_libraries(echoes_flite INTERFACE flite_cmu_us_kal16 flite_cmu_us_slt flite_usenglish flite_cmulex flite m)

# Debian's pocketsphinx.pc names /usr/include/sphinxbase, which does not exist (the headers
# live under /usr/include/x86_64-linux-gnu/sphinxbase), and CMake refuses an imported target
# with a missing include dir. So link pocketsphinx through a target of the dirs that exist.
set(echoes_pocketsphinx_dirs "")
foreach(dir IN LISTS POCKETSPHINX_INCLUDE_DIRS)
  if(EXISTS "${dir}" AND NOT dir MATCHES "^/usr/include/[^/]*-linux-gnu$")
    list(APPEND echoes_pocketsphinx_dirs "${dir}")
  endif()
endforeach()
add_library(echoes_pocketsphinx INTERFACE)
target_include_directories(echoes_pocketsphinx SYSTEM INTERFACE ${echoes_pocketsphinx_dirs})
target_link_libraries(echoes_pocketsphinx INTERFACE ${POCKETSPHINX_LINK_LIBRARIES})
