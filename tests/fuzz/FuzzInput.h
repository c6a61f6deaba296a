// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the fuzz targets: the readers under test take paths, as users hand them files, so
// each input is written to one file per process first (on tmpfs when there is one, so millions
// of runs neither wear a disk nor wait for it).
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace ladder::fuzz {

/// A file that holds the current input; removed when the process ends normally.
class InputFile
{
public:
    /// @p name ends the file name ("config.json"), so messages read like a user's.
    explicit InputFile(const std::string &name)
    {
        namespace fs = std::filesystem;
        std::error_code error;
        const fs::path shm("/dev/shm");
        const fs::path dir = fs::is_directory(shm, error) && access(shm.c_str(), W_OK) == 0
                                 ? shm
                                 : fs::temp_directory_path();
        m_path = (dir / ("ladder-fuzz-" + std::to_string(getpid()) + "-" + name)).string();
    }
    ~InputFile() { std::remove(m_path.c_str()); }
    InputFile(const InputFile &) = delete;
    InputFile &operator=(const InputFile &) = delete;

    /// Replaces the file's content with @p data; returns its path.
    const std::string &write(const std::uint8_t *data, std::size_t size)
    {
        const int fd = open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) {
            std::perror(m_path.c_str());
            std::abort(); // the harness is broken, not the reader: stop loudly
        }
        std::size_t written = 0;
        while (written < size) {
            const ssize_t n = ::write(fd, data + written, size - written);
            if (n <= 0) {
                std::perror(m_path.c_str());
                std::abort();
            }
            written += static_cast<std::size_t>(n);
        }
        close(fd);
        return m_path;
    }

    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

/// Stops the run with a message when a reader breaks a promise other than "never crash"
/// (e.g. what it wrote does not read back): libFuzzer records the input like a crash.
[[noreturn]] inline void broken(const std::string &what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
    std::abort();
}

} // namespace ladder::fuzz
