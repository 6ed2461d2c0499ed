#include "core/model/TorchPickle_p.h"

#include "base/Errors.h"

#include "core/model/TorchErrors_p.h"
#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <cstring>
#include <map>
#include <unordered_map>

namespace salient {
namespace {

PickleValue makeValue(PickleValue::Kind kind)
{
    PickleValue v;
    v.kind = kind;
    return v;
}

PickleValue makeSequence(PickleValue::Kind kind, PickleValue::Items items = {})
{
    PickleValue v = makeValue(kind);
    v.items = std::make_shared<PickleValue::Items>(std::move(items));
    return v;
}

PickleValue makeDict()
{
    PickleValue v = makeValue(PickleValue::Kind::Dict);
    v.entries = std::make_shared<PickleValue::Entries>();
    return v;
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
    Unpickler(caffe2::serialize::PyTorchStreamReader& archive, const std::vector<char>& data)
        : m_archive(archive), m_data(data)
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

    std::uint8_t readByte()
    {
        if (m_pos >= m_data.size())
            fail("unexpected end of data");
        return std::uint8_t(m_data[m_pos++]);
    }

    std::string readBytes(std::size_t n)
    {
        if (n > m_data.size() - m_pos)
            fail("a value runs past the end of the data");
        std::string s(m_data.data() + m_pos, n);
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

    void memoize(std::uint64_t index) { m_memo[index] = top(); }

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
        for (std::size_t i = 0; i < flat.size(); i += 2)
            dict.entries->emplace_back(std::move(flat[i]), std::move(flat[i + 1]));
    }

    void appendItems(PickleValue& list, PickleValue::Items& more)
    {
        if (list.kind != PickleValue::Kind::List)
            return;
        for (auto& v : more)
            list.items->push_back(std::move(v));
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
        at::Tensor flat = at::empty({std::int64_t(size / elementSize)}, at::TensorOptions().dtype(type));
        std::memcpy(flat.data_ptr(), dataPtr.get(), size - size % elementSize);
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
            m_stack.push_back(makeDict());
            break;
        case ']': // EMPTY_LIST
            m_stack.push_back(makeSequence(Kind::List));
            break;
        case ')': // EMPTY_TUPLE
            m_stack.push_back(makeSequence(Kind::Tuple));
            break;
        case '(': // MARK
            m_stack.push_back(makeValue(Kind::Mark));
            break;
        case 'N':
            m_stack.push_back(makeValue(Kind::None));
            break;
        case 0x88:   // NEWTRUE
        case 0x89: { // NEWFALSE
            PickleValue v = makeValue(Kind::Bool);
            v.boolean = op == 0x88;
            m_stack.push_back(v);
            break;
        }
        case 'J':   // BININT
        case 'K':   // BININT1
        case 'M': { // BININT2
            const int width = op == 'J' ? 4 : op == 'K' ? 1 : 2;
            PickleValue v = makeValue(Kind::Int);
            const std::uint64_t raw = readLittleEndian(width);
            v.integer = op == 'J' ? std::int64_t(std::int32_t(std::uint32_t(raw))) : std::int64_t(raw);
            m_stack.push_back(v);
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
            m_stack.push_back(v);
            break;
        }
        case 'G': { // BINFLOAT, big-endian double
            std::uint64_t raw = 0;
            for (int i = 0; i < 8; ++i)
                raw = raw << 8 | readByte();
            PickleValue v = makeValue(Kind::Float);
            std::memcpy(&v.real, &raw, sizeof raw);
            m_stack.push_back(v);
            break;
        }
        case 'X':    // BINUNICODE
        case 0x8c: { // SHORT_BINUNICODE
            const std::uint64_t n = op == 'X' ? readLittleEndian(4) : readByte();
            m_stack.push_back(makeText(Kind::String, readBytes(n)));
            break;
        }
        case 'B':   // BINBYTES
        case 'C': { // SHORT_BINBYTES
            const std::uint64_t n = op == 'B' ? readLittleEndian(4) : readByte();
            m_stack.push_back(makeText(Kind::Bytes, readBytes(n)));
            break;
        }
        case 'c': { // GLOBAL module\nname\n
            const std::string module = readLine();
            const std::string name = readLine();
            m_stack.push_back(makeText(Kind::Global, module + "." + name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            const PickleValue name = pop();
            const PickleValue module = pop();
            m_stack.push_back(makeText(Kind::Global, module.text + "." + name.text));
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
            m_stack.push_back(recall(readByte()));
            break;
        case 'j': // LONG_BINGET
            m_stack.push_back(recall(readLittleEndian(4)));
            break;
        case 't': // TUPLE
            m_stack.push_back(makeSequence(Kind::Tuple, popToMark()));
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
            m_stack.push_back(makeSequence(Kind::Tuple, std::move(items)));
            break;
        }
        case 'l': // LIST
            m_stack.push_back(makeSequence(Kind::List, popToMark()));
            break;
        case 'd': { // DICT
            PickleValue::Items flat = popToMark();
            PickleValue dict = makeDict();
            setItems(dict, flat);
            m_stack.push_back(dict);
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
            m_stack.push_back(loadStorage(pid));
            break;
        }
        case 'R': { // REDUCE
            const PickleValue args = pop();
            const PickleValue callable = pop();
            m_stack.push_back(reduce(callable, args));
            break;
        }
        case 0x81: { // NEWOBJ
            const PickleValue args = pop();
            const PickleValue cls = pop();
            m_stack.push_back(reduce(cls, args));
            break;
        }
        case 'b': // BUILD: state for an object; the metadata of OrderedDicts and opaque objects is not needed
            pop();
            break;
        case '0': // POP
            pop();
            break;
        case '2': // DUP
            m_stack.push_back(top());
            break;
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", unsigned(op));
            fail(std::string("unsupported pickle opcode ") + hex);
        }
        }
    }

    caffe2::serialize::PyTorchStreamReader& m_archive;
    const std::vector<char>& m_data;
    std::size_t m_pos = 0;
    std::vector<PickleValue> m_stack;
    std::unordered_map<std::uint64_t, PickleValue> m_memo;
    std::map<std::string, PickleValue> m_storages;
};

} // namespace

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
        caffe2::serialize::PyTorchStreamReader archive(path);
        if (!archive.hasRecord("data.pkl"))
            throw ModelError(path + ": zip archive without data.pkl, so not written by torch.save");
        auto [dataPtr, size] = archive.getRecord("data.pkl");
        const char* bytes = static_cast<const char*>(dataPtr.get());
        const std::vector<char> data(bytes, bytes + size);
        return Unpickler(archive, data).run();
    } catch (const ModelError& e) {
        const std::string what = e.what();
        throw ModelError(what.rfind(path, 0) == 0 ? what : path + ": " + what);
    } catch (const c10::Error& e) {
        throw ModelError(path + ": damaged PyTorch archive (" + torchMessage(e) + ")");
    }
}

} // namespace salient
