#include "core/model/ZipArchive.h"

#include "base/Errors.h"
#include "base/Inflation.h"
#include "base/Text.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>

namespace salient {
namespace {

// The zip format's records (APPNOTE.TXT, sections 4.3.12-4.3.16).
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kEntrySignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::uint16_t kDeflated = 8;
constexpr std::size_t kInflateChunk = 1 << 16;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kEntrySize = 46;
constexpr std::size_t kMaxCommentSize = 0xFFFF;
constexpr std::uint16_t kZip64ExtraId = 0x0001;
constexpr std::uint32_t kZip64Marker = 0xFFFFFFFF;

[[noreturn]] void damaged(const std::string& path, const std::string& what)
{
    throw ModelError(path + ": damaged or truncated zip archive (" + what + ")");
}

/// Little-endian reads from a record; reading past its end means the archive is damaged.
class Record
{
public:
    Record(std::string bytes, const std::string& path) : m_bytes(std::move(bytes)), m_path(path) {}

    std::uint64_t number(std::size_t offset, int width) const
    {
        if (offset + std::size_t(width) > m_bytes.size())
            damaged(m_path, "a record runs past the end of its directory");
        std::uint64_t value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = value << 8 | std::uint8_t(m_bytes[offset + std::size_t(i)]);
        return value;
    }

    std::string text(std::size_t offset, std::size_t size) const
    {
        if (offset + size > m_bytes.size())
            damaged(m_path, "a name runs past the end of its directory");
        return m_bytes.substr(offset, size);
    }

    const std::string& bytes() const { return m_bytes; }

private:
    std::string m_bytes;
    const std::string& m_path;
};

class ArchiveFile
{
public:
    explicit ArchiveFile(const std::string& path) : m_in(path, std::ios::binary), m_path(path)
    {
        if (!m_in)
            throw ModelError(path + ": cannot open file");
        m_in.seekg(0, std::ios::end);
        m_size = std::uint64_t(m_in.tellg());
    }

    std::uint64_t size() const { return m_size; }

    Record read(std::uint64_t offset, std::uint64_t count)
    {
        if (offset > m_size || count > m_size - offset)
            damaged(m_path, "the directory points past the end of the file");
        std::string bytes(std::size_t(count), '\0');
        m_in.seekg(std::streamoff(offset));
        m_in.read(bytes.data(), std::streamsize(count));
        if (std::uint64_t(m_in.gcount()) != count)
            damaged(m_path, "cannot read the directory");
        return Record(std::move(bytes), m_path);
    }

private:
    std::ifstream m_in;
    const std::string& m_path;
    std::uint64_t m_size = 0;
};

struct Directory
{
    std::uint64_t entries = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
};

/// The end-of-central-directory record is the last one in the file, followed only by its comment;
/// like miniz (which reads the archive afterwards), take the last signature found.
Directory findDirectory(ArchiveFile& file, const std::string& path)
{
    const std::uint64_t tailSize = std::min<std::uint64_t>(file.size(), kEndSize + kMaxCommentSize);
    const std::uint64_t tailStart = file.size() - tailSize;
    const Record tail = file.read(tailStart, tailSize);
    std::size_t end = std::string::npos;
    for (std::size_t pos = tail.bytes().size() >= kEndSize ? tail.bytes().size() - kEndSize + 1 : 0;
         pos-- > 0;)
        if (tail.number(pos, 4) == kEndSignature) {
            end = pos;
            break;
        }
    if (end == std::string::npos)
        damaged(path, "no end-of-central-directory record");
    Directory dir{tail.number(end + 10, 2), tail.number(end + 12, 4), tail.number(end + 16, 4)};

    // A zip64 archive puts a locator just before that record, pointing at the 64-bit sizes.
    const std::uint64_t endOffset = tailStart + end;
    if (endOffset >= kZip64LocatorSize) {
        const Record locator = file.read(endOffset - kZip64LocatorSize, kZip64LocatorSize);
        if (locator.number(0, 4) == kZip64LocatorSignature) {
            const Record end64 = file.read(locator.number(8, 8), kZip64EndSize);
            if (end64.number(0, 4) != kZip64EndSignature)
                damaged(path, "the zip64 locator points at no zip64 directory record");
            dir = {end64.number(32, 8), end64.number(40, 8), end64.number(48, 8)};
        }
    }
    return dir;
}

/// Sizes and offset that do not fit 32 bits are 0xFFFFFFFF in the entry, their 64-bit values in the
/// zip64 extra field, in this order.
void applyZip64Extra(ZipEntry& entry, const Record& dir, std::size_t extra, std::size_t extraSize)
{
    for (std::size_t pos = extra; pos + 4 <= extra + extraSize;) {
        const auto id = std::uint16_t(dir.number(pos, 2));
        const std::size_t size = std::size_t(dir.number(pos + 2, 2));
        if (id == kZip64ExtraId) {
            std::size_t field = pos + 4;
            for (std::uint64_t* value : {&entry.size, &entry.packedSize, &entry.headerOffset})
                if (*value == kZip64Marker) {
                    *value = dir.number(field, 8);
                    field += 8;
                }
            return;
        }
        pos += 4 + size;
    }
}

/// A raw deflate stream, ended on every path.
class Inflater
{
public:
    Inflater() { m_ok = inflateInit2(&m_stream, -MAX_WBITS) == Z_OK; }
    ~Inflater() { inflateEnd(&m_stream); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    bool ok() const { return m_ok; }
    z_stream& stream() { return m_stream; }

private:
    z_stream m_stream{};
    bool m_ok = false;
};

/// Inflates a deflated entry into a small buffer that is thrown away, and refuses the entry as soon as
/// more comes out than it declares: the reader sizes its buffer by the declared size, so an entry that
/// inflates past it must not be read as if the start were all of it.
void checkInflatedSize(ArchiveFile& file, const ZipEntry& entry, const std::string& what)
{
    const Record local = file.read(entry.headerOffset, kLocalHeaderSize);
    if (local.number(0, 4) != kLocalSignature)
        throw ModelError(what + " has no local header where the directory points");
    std::uint64_t at = entry.headerOffset + kLocalHeaderSize + local.number(26, 2) + local.number(28, 2);
    std::uint64_t left = entry.packedSize;
    Inflater inflater;
    z_stream& stream = inflater.stream();
    std::string packed;
    std::vector<unsigned char> out(kInflateChunk);
    std::uint64_t produced = 0;
    for (int status = Z_OK; status != Z_STREAM_END;) {
        if (!inflater.ok())
            throw ModelError(what + ": cannot start zlib");
        if (stream.avail_in == 0 && left > 0) {
            const std::uint64_t n = std::min<std::uint64_t>(left, kInflateChunk);
            packed = file.read(at, n).bytes();
            at += n;
            left -= n;
            stream.next_in = reinterpret_cast<Bytef*>(packed.data());
            stream.avail_in = uInt(n);
        }
        stream.next_out = out.data();
        stream.avail_out = uInt(out.size());
        status = inflate(&stream, Z_NO_FLUSH);
        produced += out.size() - stream.avail_out;
        if (produced > entry.size)
            throw ModelError(what + " inflates past its declared size of " + byteText(entry.size) +
                             " (refused after " + byteText(produced) + ")");
        if (status != Z_OK && status != Z_STREAM_END)
            throw ModelError(what + " holds damaged deflate data (" +
                             (stream.msg ? stream.msg : "cut short") + ")");
    }
    if (produced != entry.size)
        throw ModelError(what + " inflates to " + byteText(produced) + ", not its declared " +
                         byteText(entry.size));
}

} // namespace

std::vector<ZipEntry> readZipDirectory(const std::string& path)
{
    ArchiveFile file(path);
    const Directory where = findDirectory(file, path);
    if (where.entries > where.size / kEntrySize)
        damaged(path, "the directory is too small for its " + std::to_string(where.entries) + " entries");
    const Record dir = file.read(where.offset, where.size);
    std::vector<ZipEntry> entries;
    std::size_t pos = 0;
    for (std::uint64_t i = 0; i < where.entries; ++i) {
        if (dir.number(pos, 4) != kEntrySignature)
            damaged(path, "entry " + std::to_string(i) + " of the directory has no signature");
        ZipEntry entry;
        entry.method = std::uint16_t(dir.number(pos + 10, 2));
        entry.packedSize = dir.number(pos + 20, 4);
        entry.size = dir.number(pos + 24, 4);
        entry.headerOffset = dir.number(pos + 42, 4);
        const std::size_t nameSize = std::size_t(dir.number(pos + 28, 2));
        const std::size_t extraSize = std::size_t(dir.number(pos + 30, 2));
        const std::size_t commentSize = std::size_t(dir.number(pos + 32, 2));
        entry.name = dir.text(pos + kEntrySize, nameSize);
        applyZip64Extra(entry, dir, pos + kEntrySize + nameSize, extraSize);
        entries.push_back(std::move(entry));
        pos += kEntrySize + nameSize + extraSize + commentSize;
    }
    return entries;
}

void checkModelArchive(const std::string& path)
{
    const std::vector<ZipEntry> entries = readZipDirectory(path);
    ArchiveFile file(path);
    const std::uint64_t fileSize = file.size();
    std::uint64_t total = 0;
    for (const ZipEntry& entry : entries) {
        const std::string what = path + ": zip entry '" + entry.name + "'";
        if (entry.headerOffset > fileSize || entry.packedSize > fileSize - entry.headerOffset)
            throw ModelError(what + " claims " + byteText(entry.packedSize) +
                             " of packed data past the end of the file (" + byteText(fileSize) + ")");
        if (inflatesLikeABomb(entry.size, entry.packedSize))
            throw ModelError(
                what + " would unpack to " + byteText(entry.size) + " from " + byteText(entry.packedSize) +
                ", more than " + std::to_string(kMaxCompressionRatio) +
                ":1; real model data barely compresses, so it is refused as a decompression bomb");
        const bool pickle =
            entry.name.size() >= 4 && entry.name.compare(entry.name.size() - 4, 4, ".pkl") == 0;
        if (pickle && entry.size > kMaxPickleBytes)
            throw ModelError(what + " is a pickle of " + byteText(entry.size) + ", more than the limit of " +
                             byteText(kMaxPickleBytes) + " (a state dict's pickle is well under 1 MiB)");
        if (entry.size > kMaxArchiveBytes - total)
            throw ModelError(path + ": the archive's entries unpack to more than the limit of " +
                             byteText(kMaxArchiveBytes) + " (entry '" + entry.name + "' declares " +
                             byteText(entry.size) + ")");
        total += entry.size;
        if (entry.method == kDeflated) // torch.save stores; only a re-packed archive deflates
            checkInflatedSize(file, entry, what);
    }
}

} // namespace salient
