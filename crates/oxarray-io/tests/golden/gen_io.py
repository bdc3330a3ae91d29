#!/usr/bin/env python3
"""Golden files for oxarray-io and oxarray-record, made by NumPy itself.

Run by `cargo xtask golden` (or directly with the project venv's python). Writes into
data/ beside this script:

* plain_*.npy: every dtype of the core x C/F order x little/big endian, versions 1.0-3.0,
  empty and 0-d arrays; values from `values(dtype, n)` below, which the Rust tests compute
  again (the same formula lives in tests/golden.rs).
* rec_*.npy: structured arrays (packed, align=True with padding, nested, sub-arrays,
  big-endian fields, titles), with `manifest.json` holding their layouts and field values.
* npz_*.npz: np.savez and np.savez_compressed archives.
"""

import io
import json
import pathlib

import numpy as np
from numpy.lib import format as npformat

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "data"

DTYPES = ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"]


def values(code, n):
    """The test values: element k of the flat C order. Mirrored in tests/golden.rs."""
    k = np.arange(n, dtype=np.int64)
    kind = code[0]
    if kind == "b":
        return k % 3 == 0
    if kind == "i":
        return (k * 37 - 50).astype("<" + code)
    if kind == "u":
        return (k * 37 + 200).astype("<" + code)
    if kind == "f":
        v = k * 0.25 - 3.0
        if n >= 3:
            v[0] = -0.0
            v[1] = np.nan
            v[2] = np.inf
        return v.astype("<" + code)
    if kind == "c":
        v = (k * 0.5) - 1j * k
        if n >= 2:
            v[1] = complex(np.inf, np.nan)
        return v.astype("<" + code)
    raise ValueError(code)


def flat_repr(a):
    """Exact JSON of the values in C order (floats as float.hex)."""
    out = []
    for x in a.reshape(-1).tolist():
        if isinstance(x, bool):
            out.append(x)
        elif isinstance(x, int):
            out.append(str(x))
        elif isinstance(x, float):
            out.append(float.hex(x))
        elif isinstance(x, complex):
            out.append([float.hex(x.real), float.hex(x.imag)])
        else:
            out.append(repr(x))
    return out


def save_version(path, arr, version):
    with open(path, "wb") as f:
        npformat.write_array(f, arr, version=version, allow_pickle=False)


def plain_files(manifest):
    for code in DTYPES:
        orders = ["<", ">"] if code not in ("b1", "i1", "u1") else ["|"]
        for endian in orders:
            for order in ("C", "F"):
                base = values(code, 12).reshape(3, 4)
                a = np.asarray(base, order=order)
                if endian == ">":
                    a = a.astype(">" + code)
                tag = {"<": "le", ">": "be", "|": "na"}[endian]
                name = f"plain_{code}_{tag}_{order}.npy"
                np.save(OUT / name, a)
                manifest.append({"file": name, "code": code, "shape": [3, 4], "fortran": order == "F",
                                 "endian": tag, "version": [1, 0], "values": flat_repr(base)})
    # Versions, empty, 0-d, 1-d, 3-d.
    for version in ((1, 0), (2, 0), (3, 0)):
        a = values("f8", 6).reshape(2, 3)
        name = f"version_{version[0]}.npy"
        save_version(OUT / name, a, version)
        manifest.append({"file": name, "code": "f8", "shape": [2, 3], "fortran": False, "endian": "le",
                         "version": list(version), "values": flat_repr(a)})
    for shape in ([0], [0, 3], [3, 0, 2], [], [5], [2, 3, 2]):
        n = int(np.prod(shape)) if shape else 1
        for code in ("f4", "i8", "b1", "c8"):
            a = values(code, n).reshape(shape)
            name = f"shape_{code}_{'x'.join(map(str, shape)) or 'scalar'}.npy"
            np.save(OUT / name, a)
            manifest.append({"file": name, "code": code, "shape": shape, "fortran": False, "endian": "le",
                             "version": [1, 0], "values": flat_repr(a)})


RECORDS = [
    ("article_packed", "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]", False),
    ("article_aligned", "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]", True),
    ("padded_aligned", "[('a','u1'),('b','<f8'),('c','<i2')]", True),
    ("padded_packed", "[('a','u1'),('b','<f8'),('c','<i2')]", False),
    ("nested_aligned", "[('id','<i4'),('pos',[('x','<f8'),('y','<f8')]),('flag','?')]", True),
    ("nested_packed", "[('id','<i4'),('pos',[('x','u1'),('y','<f8')]),('flag','?')]", False),
    ("subarray_2d", "[('m','<f4',(2,3)),('k','<u2')]", True),
    ("big_endian", "[('a','>i4'),('b','>f8'),('c','>c8')]", False),
    ("all_types", "[('b','?'),('i1','i1'),('i2','<i2'),('i4','<i4'),('i8','<i8'),('u1','u1'),('u2','<u2'),"
                  "('u4','<u4'),('u8','<u8'),('f2','<f2'),('f4','<f4'),('f8','<f8'),('c8','<c8'),('c16','<c16')]", True),
]


def record_values(dt, n):
    """Records whose scalar at (record r, scalar j of the flattened record) is values()."""
    a = np.zeros(n, dtype=dt)

    def fill(arr, prefix):
        for name in arr.dtype.names:
            sub = arr[name]
            if sub.dtype.names is not None:
                fill(sub, prefix + name + ".")
            else:
                code = sub.dtype.base.str[1:]
                m = sub.size
                sub[...] = values(code, m).reshape(sub.shape)
    fill(a, "")
    return a


def field_dump(a, prefix=""):
    out = {}
    for name in a.dtype.names:
        sub = a[name]
        if sub.dtype.names is not None:
            out.update(field_dump(sub, prefix + name + "."))
        else:
            out[prefix + name] = {"code": sub.dtype.base.str[1:], "shape": list(sub.shape),
                                  "values": flat_repr(np.ascontiguousarray(sub))}
    return out


def record_files(manifest):
    for name, spec, align in RECORDS:
        dt = np.dtype(eval(spec), align=align)
        a = record_values(dt, 5)
        fname = f"rec_{name}.npy"
        np.save(OUT / fname, a)
        manifest.append({"file": fname, "record": True, "spec": spec, "align": align, "shape": [5],
                         "itemsize": dt.itemsize, "descr": str(dt.descr), "fields": field_dump(a)})
    # A 2-D Fortran-order record array and a titled field.
    dt = np.dtype(eval(RECORDS[1][1]), align=True)
    a = np.asfortranarray(record_values(dt, 6).reshape(2, 3))
    np.save(OUT / "rec_fortran.npy", a)
    manifest.append({"file": "rec_fortran.npy", "record": True, "spec": RECORDS[1][1], "align": True,
                     "shape": [2, 3], "itemsize": dt.itemsize, "descr": str(dt.descr),
                     "fields": field_dump(np.ascontiguousarray(a))})
    dt = np.dtype([(("Title of a", "a"), "<i4"), ("b", "<f4")])
    a = record_values(dt, 3)
    np.save(OUT / "rec_titled.npy", a)
    manifest.append({"file": "rec_titled.npy", "record": True, "spec": None, "align": False, "shape": [3],
                     "itemsize": dt.itemsize, "descr": str(dt.descr), "fields": field_dump(a)})


def npz_files(manifest):
    a = values("f8", 12).reshape(3, 4)
    b = values("i2", 5)
    c = np.asfortranarray(values("c8", 6).reshape(2, 3))
    np.savez(OUT / "npz_stored.npz", a=a, b=b, c=c)
    np.savez_compressed(OUT / "npz_deflated.npz", a=a, b=b, c=c)
    np.savez(OUT / "npz_positional.npz", a, b)
    for fname in ("npz_stored.npz", "npz_deflated.npz"):
        manifest.append({"file": fname, "npz": {"a": ["f8", [3, 4], False, flat_repr(a)],
                                                 "b": ["i2", [5], False, flat_repr(b)],
                                                 "c": ["c8", [2, 3], True, flat_repr(np.ascontiguousarray(c))]}})
    manifest.append({"file": "npz_positional.npz", "npz": {"arr_0": ["f8", [3, 4], False, flat_repr(a)],
                                                            "arr_1": ["i2", [5], False, flat_repr(b)]}})


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    manifest = []
    plain_files(manifest)
    record_files(manifest)
    npz_files(manifest)
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=0) + "\n")
    print(f"wrote {len(manifest)} golden files into {OUT}")


if __name__ == "__main__":
    main()
