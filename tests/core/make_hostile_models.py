"""Writes hostile and broken torch.save archives for TestModelFile: deep nesting, a flood of MARKs, a
zip bomb, an entry that inflates past its declared size, and a storage that disagrees with its data.

Usage: make_hostile_models.py OUTDIR. Needs only the standard library: the pickles are written the way
torch.save writes them (protocol 2, tensors as persistent ids) and the zip by hand, so that its
declared sizes can lie.
"""
import os
import struct
import sys
import zlib

STORED, DEFLATED = 0, 8


def deflate(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def deflated_zeros(size, chunk=1 << 24):
    """size zero bytes deflated, and their CRC-32, without holding them: after a full flush the
    packer starts afresh, so every chunk packs to the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(chunk)
    packed_chunk = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return packed_chunk * (size // chunk) + packer.flush(), crc


def write_zip(path, entries):
    """entries: (name, method, packed bytes, declared unpacked size, crc). Plain 32-bit zip records."""
    central = b""
    with open(path, "wb") as out:
        for name, method, packed, size, crc in entries:
            offset = out.tell()
            raw_name = ("archive/" + name).encode()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(packed), size,
                                  len(raw_name), 0) + raw_name + packed)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(packed),
                                   size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0))


def entry(name, data, method=STORED):
    return (name, method, deflate(data) if method == DEFLATED else data, len(data), zlib.crc32(data))


def archive(path, pickle, *more):
    write_zip(path, [entry("data.pkl", pickle, DEFLATED), entry("version", b"3\n"), *more])


def short_string(text):
    return b"X" + struct.pack("<I", len(text)) + text.encode()


def tensor_dict(numel):
    """{'w': a float tensor of `numel` elements in storage '0'}, as torch.save pickles it."""
    return (b"\x80\x02}(" + short_string("w") +
            b"ctorch._utils\n_rebuild_tensor_v2\n(" +
            b"(" + short_string("storage") + b"ctorch\nFloatStorage\n" + short_string("0") +
            short_string("cpu") + b"J" + struct.pack("<i", numel) + b"tQ" +
            b"K\x00" + b"J" + struct.pack("<i", numel) + b"\x85" + b"K\x01\x85" + b"\x89" +
            b"ccollections\nOrderedDict\n)R" + b"tR" + b"u.")


def nested_tuples(levels):
    """{'x': ((((...),),),)} nested `levels` deep, each tuple memoized as Python's pickler does."""
    body = b"".join(b"\x85r" + struct.pack("<I", i) for i in range(levels))
    return b"\x80\x02}" + short_string("x") + b")" + body + b"s."


def main(out):
    os.makedirs(out, exist_ok=True)
    archive(os.path.join(out, "nested_tuples.pt"), nested_tuples(200_000))
    # The dict and the innermost empty tuple add two levels: 998 wraps nest 1000 deep, the limit.
    archive(os.path.join(out, "nested_1000.pt"), nested_tuples(998))
    archive(os.path.join(out, "nested_1001.pt"), nested_tuples(999))
    archive(os.path.join(out, "marks.pt"), b"\x80\x02" + b"(" * 20_000_000 + b".")
    packed, crc = deflated_zeros(2 << 30)
    archive(os.path.join(out, "zip_bomb.pt"), tensor_dict(1024), ("data/0", DEFLATED, packed, 2 << 30, crc))
    # Declares 4 KiB, inflates to 64 MiB.
    packed, _ = deflated_zeros(64 << 20)
    archive(os.path.join(out, "lying_size.pt"), tensor_dict(1024),
            ("data/0", DEFLATED, packed, 4096, zlib.crc32(bytes(4096))))
    archive(os.path.join(out, "storage_mismatch.pt"), tensor_dict(4), entry("data/0", bytes(4000)))
    archive(os.path.join(out, "sound.pt"), tensor_dict(4), entry("data/0", struct.pack("<4f", 1, 2, 3, 4)))


if __name__ == "__main__":
    main(sys.argv[1])
