#!/usr/bin/env python3
"""Writes the constant tables of oxarray-random (src/tables/*.rs). Run once; the output is committed.

* The ziggurat tables (normal and exponential, f64 and f32) and the log-factorial table are
  read out of NumPy's own compiled library, `numpy/random/lib/libnpyrandom.a` (an `ar` archive
  of ELF objects, shipped in every NumPy wheel), so that they are exactly the numbers NumPy's
  samplers use: the symbols are located through the object's symbol table and their bytes
  copied. NumPy's source (`numpy/random/src/distributions/ziggurat_constants.h`, BSD-3-Clause)
  is where they come from; the golden tests check the samplers that use them.
* The MT19937 jump polynomial (x^(2^128) mod the minimal polynomial of the MT19937 state
  transition) is computed here from first principles: Berlekamp-Massey over GF(2) on 2 * 19937
  output bits of a reference MT19937, then 128 modular squarings of x. NumPy's `jumped()`
  applies the same polynomial (Haramoto et al., 2008); the golden tests compare the jumped
  states with NumPy's.

Usage: gen_tables.py [PYTHON_WITH_NUMPY_SITE]  (run with the project venv's python).
"""

import pathlib
import struct
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "tables"

# ----------------------------------------------------------------------- ELF extraction


def ar_members(data):
    """(name, bytes) of the members of an `ar` archive (GNU long-name table supported)."""
    assert data[:8] == b"!<arch>\n", "not an ar archive"
    pos, longnames = 8, b""
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name = header[:16].decode().strip()
        size = int(header[48:58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name == "//":
            longnames = body
            continue
        if name in ("/", "/SYM64/"):
            continue
        if name.startswith("/") and name[1:].isdigit():
            off = int(name[1:])
            end = longnames.index(b"/\n", off)
            name = longnames[off:end].decode()
        yield name.rstrip("/"), body


def elf_symbols(obj):
    """{name: bytes} for the data symbols of a little-endian ELF64 object."""
    assert obj[:4] == b"\x7fELF" and obj[4] == 2 and obj[5] == 1, "not a little-endian ELF64"
    shoff, = struct.unpack_from("<Q", obj, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", obj, 0x3A)
    sections = []
    for i in range(shnum):
        (name, stype, flags, addr, offset, size, link, info, align,
         entsize) = struct.unpack_from("<IIQQQQIIQQ", obj, shoff + i * shentsize)
        sections.append((stype, offset, size, link, entsize))
    result = {}
    for stype, offset, size, link, entsize in sections:
        if stype != 2:  # SHT_SYMTAB
            continue
        strtab = sections[link]
        for k in range(size // entsize):
            st_name, st_info, st_other, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", obj, offset + k * entsize)
            if st_size == 0 or st_shndx == 0 or st_shndx >= len(sections):
                continue
            s = obj[strtab[1] + st_name:obj.index(b"\0", strtab[1] + st_name)].decode()
            sec = sections[st_shndx]
            if sec[0] == 8:  # SHT_NOBITS
                continue
            result[s] = obj[sec[1] + st_value:sec[1] + st_value + st_size]
    return result


def numpy_tables():
    import numpy

    lib = pathlib.Path(numpy.__file__).parent / "random" / "lib" / "libnpyrandom.a"
    symbols = {}
    for name, body in ar_members(lib.read_bytes()):
        if name.endswith(".o"):
            symbols.update(elf_symbols(body))
    return numpy.__version__, symbols


# ----------------------------------------------------------------- MT19937 jump polynomial

N, M = 624, 397


def mt_outputs(seed, count):
    """`count` tempered 32-bit outputs of the reference MT19937 seeded with init_genrand."""
    mt = [0] * N
    mt[0] = seed
    for i in range(1, N):
        mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
    out, pos = [], N
    while len(out) < count:
        if pos == N:
            for i in range(N):
                y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF)
                mt[i] = mt[(i + M) % N] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            pos = 0
        y = mt[pos]
        pos += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        out.append(y)
    return out


def berlekamp_massey(bits):
    """The connection polynomial C (bit i = coefficient of x^i) and linear complexity L."""
    c, b, length, m, window = 1, 1, 0, 1, 0
    for i, bit in enumerate(bits):
        window = (window << 1) | bit  # bit j of window = bits[i - j]
        if (c & window).bit_count() & 1:
            t = c
            c ^= b << m
            if 2 * length <= i:
                length, b, m = i + 1 - length, t, 1
            else:
                m += 1
        else:
            m += 1
    return c, length


# spreading a byte: bit j of v goes to bit 2j
SPREAD = [sum(((v >> j) & 1) << (2 * j) for j in range(8)) for v in range(256)]


def gf2_square(p):
    raw = p.to_bytes((p.bit_length() + 7) // 8 or 1, "little")
    out = 0
    for k, byte in enumerate(raw):
        out |= SPREAD[byte] << (16 * k)
    return out


def gf2_mod(p, modulus, degree):
    top = p.bit_length() - 1
    while top >= degree:
        p ^= modulus << (top - degree)
        top = p.bit_length() - 1
    return p


def mt19937_jump_poly():
    bits = [y & 1 for y in mt_outputs(5489, 2 * 19937)]
    c, length = berlekamp_massey(bits)
    assert length == 19937, f"linear complexity {length}, expected 19937"
    # characteristic polynomial: the reciprocal of the connection polynomial
    phi = 0
    for i in range(length + 1):
        if (c >> i) & 1:
            phi |= 1 << (length - i)
    p = 2  # x
    for _ in range(128):
        p = gf2_mod(gf2_square(p), phi, length)
    return p


# -------------------------------------------------------------------------------- output


def rust_array(name, ty, values, per_line, fmt):
    lines = [f"pub(crate) static {name}: [{ty}; {len(values)}] = ["]
    for i in range(0, len(values), per_line):
        lines.append("    " + " ".join(fmt(v) + "," for v in values[i:i + per_line]))
    lines.append("];")
    return "\n".join(lines)


def f64_lit(v):
    return f"f64::from_bits(0x{struct.unpack('<Q', struct.pack('<d', v))[0]:016x})"


def f32_lit(v):
    return f"f32::from_bits(0x{struct.unpack('<I', struct.pack('<f', v))[0]:08x})"


def main():
    version, syms = numpy_tables()
    tables = [
        ("KI_DOUBLE", "ki_double", "u64", "<Q"), ("WI_DOUBLE", "wi_double", "f64", "<d"),
        ("FI_DOUBLE", "fi_double", "f64", "<d"), ("KI_FLOAT", "ki_float", "u32", "<I"),
        ("WI_FLOAT", "wi_float", "f32", "<f"), ("FI_FLOAT", "fi_float", "f32", "<f"),
        ("KE_DOUBLE", "ke_double", "u64", "<Q"), ("WE_DOUBLE", "we_double", "f64", "<d"),
        ("FE_DOUBLE", "fe_double", "f64", "<d"), ("KE_FLOAT", "ke_float", "u32", "<I"),
        ("WE_FLOAT", "we_float", "f32", "<f"), ("FE_FLOAT", "fe_float", "f32", "<f"),
    ]
    fmts = {"u64": lambda v: f"0x{v:016x}", "u32": lambda v: f"0x{v:08x}",
            "f64": f64_lit, "f32": f32_lit}
    per_line = {"u64": 4, "u32": 6, "f64": 2, "f32": 3}
    parts = [
        "//! The ziggurat tables of NumPy's normal and exponential samplers, as NumPy " + version,
        "//! compiles them (`numpy/random/src/distributions/ziggurat_constants.h`, BSD-3-Clause,",
        "//! Copyright (c) 2005-2025 NumPy Developers). Generated by `tools/gen_tables.py` from",
        "//! NumPy's `libnpyrandom.a`; do not edit. Floats are written as their bit patterns.",
        "",
    ]
    for rust_name, sym, ty, code in tables:
        raw = syms[sym]
        width = struct.calcsize(code)
        assert len(raw) == 256 * width, f"{sym}: {len(raw)} bytes"
        values = [struct.unpack_from(code, raw, i * width)[0] for i in range(256)]
        parts.append(f"/// NumPy's `{sym}`.")
        parts.append(rust_array(rust_name, ty, values, per_line[ty], fmts[ty]))
        parts.append("")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ziggurat.rs").write_text("\n".join(parts))

    raw = syms["logfact"]
    values = [struct.unpack_from("<d", raw, 8 * i)[0] for i in range(len(raw) // 8)]
    text = "\n".join([
        "//! log(k!) for k < " + str(len(values)) + ", as NumPy " + version + " compiles it",
        "//! (`numpy/random/src/distributions/logfactorial.c`, BSD-3-Clause). Generated by",
        "//! `tools/gen_tables.py` from NumPy's `libnpyrandom.a`; do not edit.",
        "",
        "/// NumPy's `logfact` table.",
        rust_array("LOGFACT", "f64", values, 2, f64_lit),
        "",
    ])
    (OUT / "logfact.rs").write_text(text)

    poly = mt19937_jump_poly()
    words = [(poly >> (32 * i)) & 0xFFFFFFFF for i in range(624)]
    text = "\n".join([
        "//! The MT19937 jump polynomial x^(2^128) mod the minimal polynomial of the state",
        "//! transition (bit i of the table = coefficient of x^i). Computed by",
        "//! `tools/gen_tables.py` (Berlekamp-Massey over GF(2), then modular squaring); do not edit.",
        "",
        "/// Coefficients of the jump polynomial, 32 per word, lowest first.",
        rust_array("JUMP_POLY", "u32", words, 6, lambda v: f"0x{v:08x}"),
        "",
    ])
    (OUT / "mt19937_jump.rs").write_text(text)
    print(f"wrote {OUT} (tables of NumPy {version}; jump polynomial of degree {poly.bit_length() - 1})")


if __name__ == "__main__":
    main()
