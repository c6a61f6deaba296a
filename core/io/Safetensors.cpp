// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Safetensors.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <sstream>

// The format stores little-endian numbers; tensors are read straight into their storage.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors I/O assumes a little-endian host"
#endif

// The safetensors format: 8 bytes little-endian header length N, N bytes of UTF-8 JSON
//   {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
//    "__metadata__": {"key": "value", ...}}
// then the data buffer; offsets are relative to its start. Like the reference reader we
// demand that the tensors tile the buffer exactly: no overlap, no hole, nothing after the last.

namespace ladder {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct DtypeInfo
{
    const char *name;
    torch::Dtype dtype;
    std::uint64_t size;
    // Position in the reference serializer's `Dtype` enum (BOOL, U8, I8, F8_E5M2, F8_E4M3, I16,
    // U16, F16, BF16, I32, U32, F32, F64, I64, U64): it writes tensors in descending order of it.
    int order;
};

constexpr std::array<DtypeInfo, 10> kDtypes { {
    { "F64", torch::kFloat64, 8, 12 },
    { "F32", torch::kFloat32, 4, 11 },
    { "F16", torch::kFloat16, 2, 7 },
    { "BF16", torch::kBFloat16, 2, 8 },
    { "I64", torch::kInt64, 8, 13 },
    { "I32", torch::kInt32, 4, 9 },
    { "I16", torch::kInt16, 2, 5 },
    { "I8", torch::kInt8, 1, 2 },
    { "U8", torch::kUInt8, 1, 1 },
    { "BOOL", torch::kBool, 1, 0 },
} };

const DtypeInfo *dtypeByName(const std::string &name)
{
    for (const DtypeInfo &info : kDtypes) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

const DtypeInfo *dtypeByTorch(torch::Dtype dtype)
{
    for (const DtypeInfo &info : kDtypes) {
        if (info.dtype == dtype)
            return &info;
    }
    return nullptr;
}

std::string supportedDtypeList()
{
    std::string list;
    for (const DtypeInfo &info : kDtypes)
        list += (list.empty() ? "" : ", ") + std::string(info.name);
    return list;
}

std::string quoted(const std::string &name)
{
    return "\"" + name + "\"";
}

std::string shapeText(const std::vector<std::uint64_t> &shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string offsetsText(std::uint64_t begin, std::uint64_t end)
{
    return "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

/// One validated header entry.
struct Entry
{
    std::string name;
    const DtypeInfo *dtype = nullptr;
    std::vector<std::uint64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

/// Reads header entries and throws messages that name the file and the tensor.
class HeaderValidator
{
public:
    HeaderValidator(std::string path, std::uint64_t bufferSize)
        : m_path(std::move(path))
        , m_bufferSize(bufferSize)
    {
    }

    Entry entry(const std::string &name, const Json &value) const
    {
        if (!value.is_object())
            fail(name, "header entry must be a JSON object with \"dtype\", \"shape\" and \"data_offsets\"");
        Entry entry;
        entry.name = name;
        entry.dtype = dtypeOf(name, member(name, value, "dtype"));
        entry.shape = shapeOf(name, member(name, value, "shape"));
        readOffsets(entry, member(name, value, "data_offsets"));
        checkByteCount(entry);
        return entry;
    }

    [[noreturn]] void fail(const std::string &name, const std::string &what) const
    {
        throw Error::inFile(m_path, "tensor " + quoted(name) + ": " + what);
    }

private:
    const Json &member(const std::string &name, const Json &value, const char *key) const
    {
        const auto it = value.find(key);
        if (it == value.end())
            fail(name, std::string("missing \"") + key + "\" in its header entry");
        return *it;
    }

    const DtypeInfo *dtypeOf(const std::string &name, const Json &value) const
    {
        if (!value.is_string())
            fail(name, "\"dtype\" must be a string such as \"F32\", found " + value.dump());
        const std::string text = value.get<std::string>();
        const DtypeInfo *info = dtypeByName(text);
        if (!info)
            fail(name, "unknown dtype " + quoted(text) + " (supported: " + supportedDtypeList() + ")");
        return info;
    }

    // Non-negative integers that fit in int64 (LibTorch's size type), checked one by one.
    std::uint64_t nonNegativeInteger(const std::string &name, const Json &value, const std::string &what) const
    {
        // nlohmann turns integers beyond 64 bits into doubles: say what is really wrong.
        if (value.is_number_float() && value.get<double>() >= 1.8e19)
            fail(name, what + " (" + value.dump() + ") is too large for a 64-bit size");
        if (!value.is_number_integer())
            fail(name, what + " is not an integer: " + value.dump());
        if (!value.is_number_unsigned())
            fail(name, what + " is negative: " + value.dump());
        return value.get<std::uint64_t>();
    }

    std::vector<std::uint64_t> shapeOf(const std::string &name, const Json &value) const
    {
        if (!value.is_array())
            fail(name, "\"shape\" must be an array of non-negative integers, found " + value.dump());
        std::vector<std::uint64_t> shape;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::uint64_t dim = nonNegativeInteger(name, value[i], "shape dimension " + std::to_string(i));
            if (dim > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                fail(name,
                    "shape dimension " + std::to_string(i) + " (" + std::to_string(dim) + ") overflows a 64-bit size");
            shape.push_back(dim);
        }
        return shape;
    }

    void readOffsets(Entry &entry, const Json &value) const
    {
        if (!value.is_array() || value.size() != 2)
            fail(entry.name, "\"data_offsets\" must be an array of two integers [begin, end], found " + value.dump());
        entry.begin = nonNegativeInteger(entry.name, value[0], "data_offsets begin");
        entry.end = nonNegativeInteger(entry.name, value[1], "data_offsets end");
        if (entry.begin > entry.end)
            fail(entry.name,
                "data_offsets " + offsetsText(entry.begin, entry.end) + ": begin " + std::to_string(entry.begin)
                    + " is after its end");
        if (entry.end > m_bufferSize)
            fail(entry.name,
                "data_offsets " + offsetsText(entry.begin, entry.end) + " run past the end of the data buffer ("
                    + std::to_string(m_bufferSize) + " bytes)");
    }

    void checkByteCount(const Entry &entry) const
    {
        // Zero dims are skipped for the overflow test: LibTorch computes strides from the
        // other dims, so [0, 2^62, 2^62] would overflow there even though it holds no bytes.
        constexpr auto kMaxBytes = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        std::uint64_t nonZeroBytes = entry.dtype->size;
        bool empty = false;
        for (const std::uint64_t dim : entry.shape) {
            if (dim == 0) {
                empty = true;
                continue;
            }
            if (nonZeroBytes > kMaxBytes / dim)
                fail(entry.name, "shape " + shapeText(entry.shape) + " overflows a 64-bit byte count");
            nonZeroBytes *= dim;
        }
        const std::uint64_t bytes = empty ? 0 : nonZeroBytes;
        if (bytes != entry.end - entry.begin)
            fail(entry.name,
                "byte count " + std::to_string(entry.end - entry.begin) + " of data_offsets "
                    + offsetsText(entry.begin, entry.end) + " does not match shape " + shapeText(entry.shape) + " of "
                    + entry.dtype->name + " (expected " + std::to_string(bytes) + " bytes)");
    }

    std::string m_path;
    std::uint64_t m_bufferSize;
};

/// Parses the header, refusing duplicate top-level keys (nlohmann would silently keep one)
/// and absurd nesting (the DOM it builds is destroyed recursively).
Json parseHeader(const std::string &path, const std::string &header)
{
    std::set<std::string> seen;
    const auto callback = [&](int depth, Json::parse_event_t event, Json &parsed) {
        if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) && depth > 32)
            throw Error::inFile(path, "header JSON is nested more than 32 levels deep");
        if (event == Json::parse_event_t::key && depth == 1) {
            const std::string key = parsed.get<std::string>();
            if (!seen.insert(key).second)
                throw Error::inFile(path, "tensor " + quoted(key) + " appears twice in the header");
        }
        return true;
    };
    Json json;
    try {
        json = Json::parse(header, callback);
    } catch (const Json::exception &e) {
        throw Error::inFile(path, std::string("header is not valid JSON: ") + e.what());
    }
    if (!json.is_object())
        throw Error::inFile(path, "header is not a JSON object (expected {\"tensor name\": {...}, ...})");
    return json;
}

std::map<std::string, std::string> metadataOf(const std::string &path, const Json &value)
{
    if (!value.is_object())
        throw Error::inFile(path, "\"__metadata__\" must be an object of string values, found " + value.dump());
    std::map<std::string, std::string> metadata;
    for (const auto &item : value.items()) {
        if (!item.value().is_string())
            throw Error::inFile(path,
                "\"__metadata__\" must map strings to strings, but key " + quoted(item.key()) + " holds "
                    + item.value().dump());
        metadata[item.key()] = item.value().get<std::string>();
    }
    return metadata;
}

/// The tensors must tile the buffer [0, bufferSize) exactly, as the reference reader demands.
void checkTiling(const std::string &path, std::vector<const Entry *> entries, std::uint64_t bufferSize)
{
    std::sort(entries.begin(), entries.end(),
        [](const Entry *a, const Entry *b) { return std::tie(a->begin, a->end) < std::tie(b->begin, b->end); });
    std::uint64_t covered = 0;
    const Entry *previous = nullptr;
    for (const Entry *entry : entries) {
        if (entry->begin < covered)
            throw Error::inFile(path,
                "tensors " + quoted(previous->name) + " and " + quoted(entry->name) + " overlap (data_offsets "
                    + offsetsText(previous->begin, previous->end) + " and " + offsetsText(entry->begin, entry->end)
                    + ")");
        if (entry->begin > covered)
            throw Error::inFile(path,
                "bytes " + std::to_string(covered) + ".." + std::to_string(entry->begin)
                    + " of the data buffer belong to no tensor (a hole before tensor " + quoted(entry->name) + ")");
        covered = entry->end;
        previous = entry;
    }
    if (covered < bufferSize)
        throw Error::inFile(path,
            "bytes " + std::to_string(covered) + ".." + std::to_string(bufferSize)
                + " of the data buffer belong to no tensor (a hole after "
                + (previous ? "tensor " + quoted(previous->name) : std::string("the header")) + ")");
}

void readExactly(std::ifstream &in, const std::string &path, std::uint64_t offset, char *data, std::uint64_t size,
    const std::string &what)
{
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(data, static_cast<std::streamsize>(size));
    if (!in || static_cast<std::uint64_t>(in.gcount()) != size)
        throw Error::inFile(path,
            "could not read " + what + " (" + std::to_string(size) + " bytes at offset " + std::to_string(offset)
                + "); was the file truncated while reading?");
}

torch::Tensor readTensor(std::ifstream &in, const std::string &path, const Entry &entry, std::uint64_t dataStart)
{
    std::vector<std::int64_t> sizes(entry.shape.begin(), entry.shape.end());
    torch::Tensor tensor = torch::empty(sizes, torch::TensorOptions().dtype(entry.dtype->dtype));
    const std::uint64_t bytes = entry.end - entry.begin;
    if (bytes > 0)
        readExactly(in, path, dataStart + entry.begin, static_cast<char *>(tensor.data_ptr()), bytes,
            "tensor " + quoted(entry.name));
    if (entry.dtype->dtype == torch::kBool) {
        // Any byte but 0 or 1 in a bool tensor is undefined behaviour in LibTorch.
        const auto *raw = static_cast<const unsigned char *>(tensor.data_ptr());
        for (std::uint64_t i = 0; i < bytes; ++i) {
            if (raw[i] > 1)
                throw Error::inFile(path,
                    "tensor " + quoted(entry.name) + ": BOOL element " + std::to_string(i) + " has byte value "
                        + std::to_string(raw[i]) + ", expected 0 or 1");
        }
    }
    return tensor;
}

std::uint64_t fileSizeOf(const std::string &path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status))
        throw Error::inFile(path, "file does not exist");
    if (!fs::is_regular_file(status))
        throw Error::inFile(path, "not a regular file");
    const std::uintmax_t size = fs::file_size(path, error);
    if (error)
        throw Error::inFile(path, "cannot get the file size: " + error.message());
    return size;
}

} // namespace

const torch::Tensor *SafetensorsContents::find(const std::string &name) const
{
    for (const NamedTensor &named : tensors) {
        if (named.name == name)
            return &named.tensor;
    }
    return nullptr;
}

const torch::Tensor &SafetensorsContents::at(const std::string &name) const
{
    if (const torch::Tensor *tensor = find(name))
        return *tensor;
    throw Error::inFile(path, "no tensor named " + quoted(name));
}

std::string safetensorsDtypeName(torch::Dtype dtype)
{
    const DtypeInfo *info = dtypeByTorch(dtype);
    return info ? info->name : "";
}

SafetensorsContents readSafetensors(const std::string &path)
{
    const std::uint64_t fileSize = fileSizeOf(path);
    if (fileSize < 8)
        throw Error::inFile(path,
            "file is " + std::to_string(fileSize)
                + " bytes, too short for a safetensors file (it starts with an 8-byte header length)");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error::inFile(path, "cannot open the file for reading");

    unsigned char lengthBytes[8];
    readExactly(in, path, 0, reinterpret_cast<char *>(lengthBytes), 8, "the header length");
    std::uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | lengthBytes[i];
    if (headerLength > kSafetensorsMaxHeaderBytes)
        throw Error::inFile(path,
            "header length " + std::to_string(headerLength) + " exceeds the limit of "
                + std::to_string(kSafetensorsMaxHeaderBytes) + " bytes; the file is corrupt");
    if (headerLength > fileSize - 8)
        throw Error::inFile(path,
            "header length " + std::to_string(headerLength) + " runs past the end of the file ("
                + std::to_string(fileSize) + " bytes)");

    std::string header(headerLength, '\0');
    if (headerLength > 0)
        readExactly(in, path, 8, header.data(), headerLength, "the header");
    const Json json = parseHeader(path, header);

    SafetensorsContents contents;
    contents.path = path;
    const std::uint64_t dataStart = 8 + headerLength;
    const std::uint64_t bufferSize = fileSize - dataStart;
    const HeaderValidator validator(path, bufferSize);
    std::vector<Entry> entries;
    entries.reserve(json.size());
    for (const auto &item : json.items()) {
        if (item.key() == "__metadata__")
            contents.metadata = metadataOf(path, item.value());
        else
            entries.push_back(validator.entry(item.key(), item.value()));
    }
    std::vector<const Entry *> pointers;
    for (const Entry &entry : entries)
        pointers.push_back(&entry);
    checkTiling(path, pointers, bufferSize);

    contents.tensors.reserve(entries.size());
    for (const Entry &entry : entries)
        contents.tensors.push_back({ entry.name, readTensor(in, path, entry, dataStart) });
    return contents;
}

namespace {

struct PreparedTensor
{
    std::string name;
    const DtypeInfo *dtype;
    torch::Tensor data; // contiguous, on the CPU
};

std::vector<PreparedTensor> prepareTensors(const std::string &path, const std::vector<NamedTensor> &tensors)
{
    std::vector<PreparedTensor> prepared;
    std::set<std::string> names;
    for (const NamedTensor &named : tensors) {
        if (named.name.empty() || named.name == "__metadata__")
            throw Error::inFile(path, "cannot write a tensor named " + quoted(named.name));
        if (!names.insert(named.name).second)
            throw Error::inFile(path, "cannot write two tensors named " + quoted(named.name));
        if (!named.tensor.defined())
            throw Error::inFile(path, "cannot write tensor " + quoted(named.name) + ": it is undefined");
        const DtypeInfo *dtype = dtypeByTorch(named.tensor.scalar_type());
        if (!dtype)
            throw Error::inFile(path,
                "cannot write tensor " + quoted(named.name) + ": its dtype "
                    + std::string(c10::toString(named.tensor.scalar_type()))
                    + " has no safetensors name here (supported: " + supportedDtypeList() + ")");
        prepared.push_back({ named.name, dtype, named.tensor.detach().to(torch::kCPU).contiguous() });
    }
    // The reference serializer's order: dtype descending, then name (byte-wise).
    std::sort(prepared.begin(), prepared.end(), [](const PreparedTensor &a, const PreparedTensor &b) {
        if (a.dtype->order != b.dtype->order)
            return a.dtype->order > b.dtype->order;
        return a.name < b.name;
    });
    return prepared;
}

std::string jsonString(const std::string &path, const std::string &text)
{
    try {
        return Json(text).dump();
    } catch (const Json::exception &) {
        throw Error::inFile(path, "cannot write " + quoted(text) + ": names and metadata must be valid UTF-8");
    }
}

// Built by hand rather than through a JSON object so the key order is the reference one.
std::string headerFor(const std::string &path, const std::vector<PreparedTensor> &tensors,
    const std::map<std::string, std::string> &metadata)
{
    std::string header = "{";
    if (!metadata.empty()) {
        header += "\"__metadata__\":{";
        bool first = true;
        for (const auto &[key, value] : metadata) {
            header += (first ? "" : ",") + jsonString(path, key) + ":" + jsonString(path, value);
            first = false;
        }
        header += "}";
    }
    std::uint64_t offset = 0;
    for (const PreparedTensor &tensor : tensors) {
        if (header.size() > 1)
            header += ",";
        std::string shape;
        for (const std::int64_t dim : tensor.data.sizes())
            shape += (shape.empty() ? "" : ",") + std::to_string(dim);
        const std::uint64_t bytes = tensor.data.nbytes();
        header += jsonString(path, tensor.name) + ":{\"dtype\":\"" + tensor.dtype->name + "\",\"shape\":[" + shape
            + "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + bytes) + "]}";
        offset += bytes;
    }
    header += "}";
    // Padding keeps every tensor's data aligned to 8 bytes from the start of the file.
    header.append((8 - header.size() % 8) % 8, ' ');
    return header;
}

std::string temporaryPathFor(const std::string &path)
{
    std::random_device device;
    std::ostringstream name;
    name << path << ".tmp-" << std::hex << device() << device();
    return name.str();
}

void writeAll(const std::string &path, const std::string &temporary, const std::string &header,
    const std::vector<PreparedTensor> &tensors)
{
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error::inFile(path, "cannot create the file (is the folder missing or read-only?)");
    unsigned char lengthBytes[8];
    std::uint64_t length = header.size();
    for (unsigned char &byte : lengthBytes) {
        byte = static_cast<unsigned char>(length & 0xff);
        length >>= 8;
    }
    out.write(reinterpret_cast<const char *>(lengthBytes), 8);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (const PreparedTensor &tensor : tensors) {
        if (tensor.data.nbytes() > 0)
            out.write(
                static_cast<const char *>(tensor.data.data_ptr()), static_cast<std::streamsize>(tensor.data.nbytes()));
    }
    out.close();
    if (!out)
        throw Error::inFile(path, "writing failed (is the disk full?)");
}

} // namespace

void writeSafetensors(const std::string &path, const std::vector<NamedTensor> &tensors,
    const std::map<std::string, std::string> &metadata)
{
    const std::vector<PreparedTensor> prepared = prepareTensors(path, tensors);
    const std::string header = headerFor(path, prepared, metadata);
    const std::string temporary = temporaryPathFor(path);
    try {
        writeAll(path, temporary, header, prepared);
        std::error_code error;
        fs::rename(temporary, path, error);
        if (error)
            throw Error::inFile(path, "cannot move the finished file into place: " + error.message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

} // namespace ladder
