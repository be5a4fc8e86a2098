// A finished file put in place of another (the writers' temporary files: Stan CSV,
// compare's CSV, dot's PNG). Defined in src/io/stan_csv.cpp, its first user.
#pragma once
#include <filesystem>
#include <string>

namespace alea::io {

// Renames the finished file `tmp` to `path`. An existing file at `path` is moved aside
// first and removed once the new one is in place: renamed over another file, a new one
// is written to disk at once by ext4 (its auto_da_alloc), 10-15 ms of a 45 ms run that
// writes 5 MB of draws again to the same path. If the new file cannot take its place,
// the old one is put back, `tmp` is removed, and std::runtime_error names both paths.
void replace_file(const std::filesystem::path& tmp, const std::string& path);

}  // namespace alea::io
