// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. Small text helpers the readers, configurations and
// commands share, so each is written once.
#pragma once

#include <cctype>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace ladder {

/// "a, b, c" (or with another separator).
inline std::string joined(const std::vector<std::string> &items, std::string_view separator = ", ")
{
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += separator;
        text += items[i];
    }
    return text;
}

/// `text` without ASCII whitespace at either end.
inline std::string trimmed(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    return std::string(text.substr(begin, end - begin));
}

/// FNV-1a, 64 bits: fixed splits and cache keys, not a security property.
class Fnv1a
{
public:
    void addBytes(std::string_view bytes)
    {
        for (unsigned char c : bytes) {
            m_hash ^= c;
            m_hash *= kPrime;
        }
    }
    /// The bytes, then a separator byte, so the fields ("ab", "c") and ("a", "bc") differ.
    void addField(std::string_view field)
    {
        addBytes(field);
        m_hash ^= 0xff;
        m_hash *= kPrime;
    }
    std::uint64_t value() const { return m_hash; }
    std::string hex() const
    {
        std::ostringstream out;
        out << std::hex << m_hash;
        return out.str();
    }

private:
    static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

inline std::uint64_t fnv1a(std::string_view text)
{
    Fnv1a hash;
    hash.addBytes(text);
    return hash.value();
}

} // namespace ladder
