#include "core/model/TorchPickle_p.h"

#include "base/Errors.h"
#include "base/Text.h"

#include "core/model/TorchErrors_p.h"
#include "core/model/ZipArchive.h"
#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

namespace salient {
namespace {

/// How deep containers may nest. Python's own pickler cannot write a pickle nested deeper than its
/// recursion limit (1000 by default), and a state dict nests four or five levels (checkpoint, state
/// dict, a tensor's arguments, its sizes).
constexpr std::size_t kMaxPickleDepth = 1000;

/// Values and marks on the stack at once. torch.save pushes a dict's items in batches of 1000; the
/// TorchScript pickler (pickle_save, our own saves) pushes all items of a dict at once, two per tensor,
/// so a million is a state dict of half a million tensors (a ResNet-152 has about 1000). A million
/// entries take about 120 MB.
constexpr std::size_t kMaxStackEntries = 1'000'000;

/// Bytes of values made in all, pushed or memoized, with the text they carry: a memo recall (BINGET)
/// or DUP copies its value's text, so a small pickle could otherwise copy one long string a million
/// times. A ResNet-152 state dict's pickle makes a few MB worth.
constexpr std::uint64_t kMaxValueBytes = std::uint64_t(1) << 30;

PickleValue makeValue(PickleValue::Kind kind)
{
    PickleValue v;
    v.kind = kind;
    return v;
}

/// An empty list or tuple.
PickleValue makeSequence(PickleValue::Kind kind)
{
    PickleValue v = makeValue(kind);
    v.items = std::make_shared<PickleValue::Items>();
    v.nesting = std::make_shared<PickleValue::Nesting>();
    return v;
}

PickleValue makeDict()
{
    PickleValue v = makeValue(PickleValue::Kind::Dict);
    v.entries = std::make_shared<PickleValue::Entries>();
    v.nesting = std::make_shared<PickleValue::Nesting>();
    return v;
}

bool isContainer(const PickleValue& v)
{
    return v.items || v.entries;
}

/// Moves the containers below `value` that no other copy shares into `pending`, then lets go of
/// value's own containers, which then hold nothing deep.
void detachChildren(PickleValue& value, std::vector<PickleValue>& pending)
{
    auto take = [&pending](PickleValue& child) {
        if (isContainer(child))
            pending.push_back(std::move(child));
    };
    if (value.items && value.items.use_count() == 1)
        std::for_each(value.items->begin(), value.items->end(), take);
    if (value.entries && value.entries.use_count() == 1)
        for (auto& [key, child] : *value.entries) {
            take(key);
            take(child);
        }
    value.items.reset();
    value.entries.reset();
}

PickleValue makeText(PickleValue::Kind kind, std::string text)
{
    PickleValue v = makeValue(kind);
    v.text = std::move(text);
    return v;
}

at::ScalarType storageScalarType(const std::string& storageClass)
{
    static const std::map<std::string, at::ScalarType> types = {
        {"torch.FloatStorage", at::kFloat},
        {"torch.DoubleStorage", at::kDouble},
        {"torch.HalfStorage", at::kHalf},
        {"torch.BFloat16Storage", at::kBFloat16},
        {"torch.LongStorage", at::kLong},
        {"torch.IntStorage", at::kInt},
        {"torch.ShortStorage", at::kShort},
        {"torch.CharStorage", at::kChar},
        {"torch.ByteStorage", at::kByte},
        {"torch.BoolStorage", at::kBool},
        {"torch.ComplexFloatStorage", at::kComplexFloat},
        {"torch.ComplexDoubleStorage", at::kComplexDouble}};
    const auto it = types.find(storageClass);
    if (it == types.end())
        throw ModelError("unsupported tensor storage type '" + storageClass + "'");
    return it->second;
}

/// The pickle virtual machine for the protocol-2 pickles torch.save writes (and a little beyond).
class Unpickler
{
public:
    Unpickler(caffe2::serialize::PyTorchStreamReader& archive, const char* data, std::size_t size)
        : m_archive(archive), m_data(data), m_size(size)
    {}

    PickleValue run()
    {
        while (true) {
            const std::uint8_t op = readByte();
            if (op == '.') // STOP
                break;
            execute(op);
        }
        if (m_stack.size() != 1)
            fail("the pickle ends with " + std::to_string(m_stack.size()) + " values on its stack");
        return m_stack.back();
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw ModelError("damaged pickle at byte " + std::to_string(m_pos) + ": " + what);
    }

    /// A pickle beyond the limits real files stay within.
    [[noreturn]] void refuse(const std::string& what) const
    {
        throw ModelError("pickle refused at byte " + std::to_string(m_pos) + ": " + what);
    }

    std::uint8_t readByte()
    {
        if (m_pos >= m_size)
            fail("unexpected end of data");
        return std::uint8_t(m_data[m_pos++]);
    }

    std::string readBytes(std::size_t n)
    {
        if (n > m_size - m_pos)
            fail("a value runs past the end of the data");
        std::string s(m_data + m_pos, n);
        m_pos += n;
        return s;
    }

    std::uint64_t readLittleEndian(int bytes)
    {
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= std::uint64_t(readByte()) << (8 * i);
        return v;
    }

    std::string readLine()
    {
        std::string line;
        for (char c = char(readByte()); c != '\n'; c = char(readByte()))
            line += c;
        return line;
    }

    /// Counts a value against kMaxValueBytes.
    void charge(const PickleValue& v)
    {
        m_madeBytes += sizeof(PickleValue) + v.text.size();
        if (m_madeBytes > kMaxValueBytes)
            refuse("the pickle makes more than " + byteText(kMaxValueBytes) +
                   " of values (real state dicts make a few MB)");
    }

    void push(PickleValue v)
    {
        if (m_stack.size() >= kMaxStackEntries)
            refuse("more than " + std::to_string(kMaxStackEntries) +
                   " values and marks on the pickle's stack (real state dicts need a few thousand)");
        charge(v);
        m_stack.push_back(std::move(v));
    }

    /// Records that `parent` holds `child`, keeping parent's depth within kMaxPickleDepth.
    void adopt(PickleValue& parent, const PickleValue& child)
    {
        if (!child.nesting)
            return;
        if (child.nesting == parent.nesting)
            refuse("a list or dict would hold itself (recursive structures are not supported)");
        child.nesting->held = true;
        parent.nesting->depth = std::max(parent.nesting->depth, child.nesting->depth + 1);
        if (parent.nesting->depth > kMaxPickleDepth)
            refuse("the pickle nests deeper than " + std::to_string(kMaxPickleDepth) +
                   " levels of containers (a state dict nests four or five)");
    }

    /// Containers change only before another container holds them, so depths already recorded above
    /// them stay true.
    void checkChangeable(const PickleValue& target)
    {
        if (target.nesting->held)
            refuse("the pickle changes a list or dict that another container already holds "
                   "(a recursive structure, which no state dict has)");
    }

    PickleValue sequence(PickleValue::Kind kind, PickleValue::Items items)
    {
        PickleValue v = makeSequence(kind);
        for (const auto& child : items)
            adopt(v, child);
        *v.items = std::move(items);
        return v;
    }

    PickleValue pop()
    {
        if (m_stack.empty())
            fail("stack underflow");
        PickleValue v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }

    PickleValue& top()
    {
        if (m_stack.empty())
            fail("stack underflow");
        return m_stack.back();
    }

    /// Pops everything above the last MARK.
    PickleValue::Items popToMark()
    {
        std::size_t mark = m_stack.size();
        while (mark > 0 && m_stack[mark - 1].kind != PickleValue::Kind::Mark)
            --mark;
        if (mark == 0)
            fail("no MARK on the stack");
        PickleValue::Items items(std::make_move_iterator(m_stack.begin() + long(mark)),
                                 std::make_move_iterator(m_stack.end()));
        m_stack.resize(mark - 1);
        return items;
    }

    void memoize(std::uint64_t index)
    {
        charge(top());
        m_memo[index] = top();
    }

    PickleValue recall(std::uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo entry " + std::to_string(index) + " is missing");
        return it->second;
    }

    void setItems(PickleValue& dict, PickleValue::Items& flat)
    {
        if (dict.kind != PickleValue::Kind::Dict)
            return; // items set on an opaque object: ignore
        if (flat.size() % 2)
            fail("odd number of dict items");
        checkChangeable(dict);
        for (const auto& v : flat)
            adopt(dict, v);
        for (std::size_t i = 0; i < flat.size(); i += 2)
            dict.entries->emplace_back(std::move(flat[i]), std::move(flat[i + 1]));
    }

    void appendItems(PickleValue& list, PickleValue::Items& more)
    {
        if (list.kind != PickleValue::Kind::List)
            return;
        checkChangeable(list);
        for (auto& v : more) {
            adopt(list, v);
            list.items->push_back(std::move(v));
        }
    }

    PickleValue loadStorage(const PickleValue& pid)
    {
        // ('storage', storage_type, key, location, numel)
        if (pid.kind != PickleValue::Kind::Tuple || pid.items->size() < 5 ||
            (*pid.items)[0].text != "storage")
            fail("unknown persistent id");
        const std::string& key = (*pid.items)[2].text;
        const auto cached = m_storages.find(key);
        if (cached != m_storages.end())
            return cached->second;
        const at::ScalarType type = storageScalarType((*pid.items)[1].text);
        const std::string record = "data/" + key;
        if (!m_archive.hasRecord(record))
            throw ModelError("the archive lacks the tensor data record '" + record + "'");
        auto [dataPtr, size] = m_archive.getRecord(record);
        const std::size_t elementSize = at::elementSize(type);
        const std::int64_t numel = (*pid.items)[4].integer;
        if (numel < 0 || std::uint64_t(numel) > size / elementSize ||
            std::uint64_t(numel) * elementSize != size)
            throw ModelError("tensor storage '" + key + "' declares " + std::to_string(numel) +
                             " elements of " + std::to_string(elementSize) + " bytes but '" + record +
                             "' holds " + byteText(size));
        at::Tensor flat = at::empty({numel}, at::TensorOptions().dtype(type));
        std::memcpy(flat.data_ptr(), dataPtr.get(), size);
        PickleValue storage = makeValue(PickleValue::Kind::Storage);
        storage.tensor = flat;
        m_storages.emplace(key, storage);
        return storage;
    }

    std::vector<std::int64_t> integers(const PickleValue& tuple)
    {
        std::vector<std::int64_t> out;
        if (tuple.kind != PickleValue::Kind::Tuple)
            fail("expected a tuple of integers");
        for (const auto& v : *tuple.items)
            out.push_back(v.integer);
        return out;
    }

    PickleValue rebuildTensor(const PickleValue::Items& args)
    {
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, ...)
        if (args.size() < 4 || args[0].kind != PickleValue::Kind::Storage)
            fail("malformed tensor");
        const auto sizes = integers(args[2]);
        const auto strides = integers(args[3]);
        if (sizes.size() != strides.size())
            fail("tensor size and stride differ in rank");
        const at::Tensor& storage = args[0].tensor;
        std::int64_t last = args[1].integer;
        for (std::size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i] > 0)
                last += (sizes[i] - 1) * strides[i];
        if (args[1].integer < 0 || (storage.numel() > 0 ? last >= storage.numel() : last > 0))
            fail("tensor runs past its storage");
        PickleValue v = makeValue(PickleValue::Kind::Tensor);
        v.tensor = storage.as_strided(sizes, strides, args[1].integer);
        return v;
    }

    PickleValue reduce(const PickleValue& callable, const PickleValue& args)
    {
        const PickleValue::Items none;
        const PickleValue::Items& a = args.items ? *args.items : none;
        const std::string& name = callable.text;
        if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor")
            return rebuildTensor(a);
        if (name == "torch._utils._rebuild_parameter" ||
            name == "torch._utils._rebuild_parameter_with_state") {
            if (a.empty() || a[0].kind != PickleValue::Kind::Tensor)
                fail("malformed parameter");
            return a[0];
        }
        // TorchScript's pickler (torch::pickle_save) wraps typed containers in these; the value is a[0].
        if (name == "torch.jit._pickle.restore_type_tag" || name == "torch.jit._pickle.build_intlist" ||
            name == "torch.jit._pickle.build_doublelist" || name == "torch.jit._pickle.build_boollist" ||
            name == "torch.jit._pickle.build_tensorlist") {
            if (a.empty())
                fail("malformed " + name);
            return a[0];
        }
        if (name == "collections.OrderedDict" || name == "builtins.dict")
            return makeDict();
        if (name == "builtins.list")
            return makeSequence(PickleValue::Kind::List);
        return makeText(PickleValue::Kind::Object, name);
    }

    void execute(std::uint8_t op)
    {
        using Kind = PickleValue::Kind;
        switch (op) {
        case 0x80: // PROTO
            readByte();
            break;
        case 0x95: // FRAME
            readLittleEndian(8);
            break;
        case '}': // EMPTY_DICT
            push(makeDict());
            break;
        case ']': // EMPTY_LIST
            push(makeSequence(Kind::List));
            break;
        case ')': // EMPTY_TUPLE
            push(makeSequence(Kind::Tuple));
            break;
        case '(': // MARK
            push(makeValue(Kind::Mark));
            break;
        case 'N':
            push(makeValue(Kind::None));
            break;
        case 0x88:   // NEWTRUE
        case 0x89: { // NEWFALSE
            PickleValue v = makeValue(Kind::Bool);
            v.boolean = op == 0x88;
            push(v);
            break;
        }
        case 'J':   // BININT
        case 'K':   // BININT1
        case 'M': { // BININT2
            const int width = op == 'J' ? 4 : op == 'K' ? 1 : 2;
            PickleValue v = makeValue(Kind::Int);
            const std::uint64_t raw = readLittleEndian(width);
            v.integer = op == 'J' ? std::int64_t(std::int32_t(std::uint32_t(raw))) : std::int64_t(raw);
            push(v);
            break;
        }
        case 0x8a: { // LONG1
            const std::uint8_t n = readByte();
            if (n > 8)
                fail("integer wider than 64 bits");
            std::uint64_t raw = n ? readLittleEndian(n) : 0;
            if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1)
                raw |= ~std::uint64_t(0) << (8 * n); // sign-extend
            PickleValue v = makeValue(Kind::Int);
            v.integer = std::int64_t(raw);
            push(v);
            break;
        }
        case 'G': { // BINFLOAT, big-endian double
            std::uint64_t raw = 0;
            for (int i = 0; i < 8; ++i)
                raw = raw << 8 | readByte();
            PickleValue v = makeValue(Kind::Float);
            std::memcpy(&v.real, &raw, sizeof raw);
            push(v);
            break;
        }
        case 'X':    // BINUNICODE
        case 0x8c: { // SHORT_BINUNICODE
            const std::uint64_t n = op == 'X' ? readLittleEndian(4) : readByte();
            push(makeText(Kind::String, readBytes(n)));
            break;
        }
        case 'B':   // BINBYTES
        case 'C': { // SHORT_BINBYTES
            const std::uint64_t n = op == 'B' ? readLittleEndian(4) : readByte();
            push(makeText(Kind::Bytes, readBytes(n)));
            break;
        }
        case 'c': { // GLOBAL module\nname\n
            const std::string module = readLine();
            const std::string name = readLine();
            push(makeText(Kind::Global, module + "." + name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            const PickleValue name = pop();
            const PickleValue module = pop();
            push(makeText(Kind::Global, module.text + "." + name.text));
            break;
        }
        case 'q': // BINPUT
            memoize(readByte());
            break;
        case 'r': // LONG_BINPUT
            memoize(readLittleEndian(4));
            break;
        case 0x94: // MEMOIZE
            memoize(m_memo.size());
            break;
        case 'h': // BINGET
            push(recall(readByte()));
            break;
        case 'j': // LONG_BINGET
            push(recall(readLittleEndian(4)));
            break;
        case 't': // TUPLE
            push(sequence(Kind::Tuple, popToMark()));
            break;
        case 0x85:   // TUPLE1
        case 0x86:   // TUPLE2
        case 0x87: { // TUPLE3
            const std::size_t n = op - 0x84;
            if (m_stack.size() < n)
                fail("stack underflow");
            PickleValue::Items items(std::make_move_iterator(m_stack.end() - long(n)),
                                     std::make_move_iterator(m_stack.end()));
            m_stack.resize(m_stack.size() - n);
            push(sequence(Kind::Tuple, std::move(items)));
            break;
        }
        case 'l': // LIST
            push(sequence(Kind::List, popToMark()));
            break;
        case 'd': { // DICT
            PickleValue::Items flat = popToMark();
            PickleValue dict = makeDict();
            setItems(dict, flat);
            push(dict);
            break;
        }
        case 's': { // SETITEM
            PickleValue value = pop();
            PickleValue key = pop();
            PickleValue::Items flat{std::move(key), std::move(value)};
            setItems(top(), flat);
            break;
        }
        case 'u': { // SETITEMS
            PickleValue::Items flat = popToMark();
            setItems(top(), flat);
            break;
        }
        case 'a': { // APPEND
            PickleValue::Items one{pop()};
            appendItems(top(), one);
            break;
        }
        case 'e': { // APPENDS
            PickleValue::Items more = popToMark();
            appendItems(top(), more);
            break;
        }
        case 'Q': { // BINPERSID
            const PickleValue pid = pop();
            push(loadStorage(pid));
            break;
        }
        case 'R': { // REDUCE
            const PickleValue args = pop();
            const PickleValue callable = pop();
            push(reduce(callable, args));
            break;
        }
        case 0x81: { // NEWOBJ
            const PickleValue args = pop();
            const PickleValue cls = pop();
            push(reduce(cls, args));
            break;
        }
        case 'b': // BUILD: state for an object; the metadata of OrderedDicts and opaque objects is not needed
            pop();
            break;
        case '0': // POP
            pop();
            break;
        case '2': // DUP
            push(top());
            break;
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", unsigned(op));
            fail(std::string("unsupported pickle opcode ") + hex);
        }
        }
    }

    caffe2::serialize::PyTorchStreamReader& m_archive;
    const char* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
    std::uint64_t m_madeBytes = 0;
    std::vector<PickleValue> m_stack;
    std::unordered_map<std::uint64_t, PickleValue> m_memo;
    std::map<std::string, PickleValue> m_storages;
};

} // namespace

PickleValue::~PickleValue()
{
    if (!isContainer(*this))
        return;
    std::vector<PickleValue> pending;
    detachChildren(*this, pending);
    while (!pending.empty()) {
        PickleValue next = std::move(pending.back());
        pending.pop_back();
        detachChildren(next, pending);
    }
}

const PickleValue* PickleValue::find(const std::string& key) const
{
    if (kind != Kind::Dict)
        return nullptr;
    for (const auto& [k, v] : *entries)
        if (k.kind == Kind::String && k.text == key)
            return &v;
    return nullptr;
}

PickleValue readTorchSave(const std::string& path)
{
    try {
        checkModelArchive(path); // before the reader unpacks anything
        caffe2::serialize::PyTorchStreamReader archive(path);
        if (!archive.hasRecord("data.pkl"))
            throw ModelError(path + ": zip archive without data.pkl, so not written by torch.save");
        auto [dataPtr, size] = archive.getRecord("data.pkl");
        return Unpickler(archive, static_cast<const char*>(dataPtr.get()), size).run();
    } catch (const ModelError& e) {
        const std::string what = e.what();
        throw ModelError(what.rfind(path, 0) == 0 ? what : path + ": " + what);
    } catch (const c10::Error& e) {
        throw ModelError(path + ": damaged PyTorch archive (" + torchMessage(e) + ")");
    }
}

} // namespace salient
