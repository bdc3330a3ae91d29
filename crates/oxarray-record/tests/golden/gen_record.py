#!/usr/bin/env python3
"""Golden record layouts for oxarray-record, made by NumPy itself.

Run by `cargo xtask golden`. Writes data/record_layouts.json beside this script: for each
dtype spec and align=False/True, NumPy's itemsize, alignment, isalignedstruct, field names,
offsets and descr (or the error NumPy raises, which oxarray must raise too).
"""

import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "data"

LAYOUT_SPECS = [
    "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]",
    "[('a','u1'),('b','<f8')]",
    "[('a','u1'),('b','<i2'),('c','u1')]",
    "[('a','<f8'),('b','u1')]",
    "[('a','u1'),('b','<c16'),('c','<c8'),('d','u1')]",
    "[('a','u1'),('b','<f2')]",
    "[('x','u1'),('n',[('p','u1'),('q','<i4')]),('y','u1')]",
    "[('x','u1'),('n',[('p','u1'),('q','<f8')],(2,)),('y','<i2')]",
    "[('x','u1'),('n',[('p','u1'),('q',[('r','u1'),('s','<i8')])]),('y','<u4')]",
    "[('m','<f8',(2,2)),('c','u1')]",
    "[('e','u1',(0,)),('f','<i4')]",
    "[('a','?'),('b','?'),('c','<u4')]",
    "[]",
    "{'names':['a','b'],'formats':['u1','<f8'],'offsets':[0,8]}",
    "{'names':['a','b'],'formats':['u1','<f8'],'offsets':[8,0]}",
    "{'names':['a','b'],'formats':['u1','<i4'],'offsets':[0,4],'itemsize':16}",
    "{'names':['a','b'],'formats':['<f8','u1']}",
    "{'names':['a','b'],'formats':['u1','<i4'],'offsets':[0,12]}",
    "{'names':['a','b'],'formats':['u1','<i4'],'offsets':[0,1]}",
    "{'names':['a','b'],'formats':['u1','<i4'],'offsets':[0,4],'itemsize':6}",
    "{'names':['a','b'],'formats':['u1','<i4'],'offsets':[0,4],'itemsize':7}",
    "[('a','<f8'),('a','<f4')]",
]


def layouts():
    out = []
    for spec in LAYOUT_SPECS:
        for align in (False, True):
            try:
                dt = np.dtype(eval(spec), align=align)
            except Exception as e:  # noqa: BLE001 - NumPy refuses: the Rust side must too
                out.append({"spec": spec, "align": align, "error": f"{type(e).__name__}: {e}"})
                continue
            try:
                descr = str(dt.descr)
            except ValueError:
                descr = None
            out.append({"spec": spec, "align": align, "itemsize": dt.itemsize, "alignment": dt.alignment,
                        "isalignedstruct": bool(dt.isalignedstruct), "names": list(dt.names),
                        "offsets": [dt.fields[n][1] for n in dt.names], "descr": descr})
    return out


def main():
    OUT.mkdir(exist_ok=True)
    (OUT / "record_layouts.json").write_text(json.dumps(layouts(), indent=1) + "\n")
    print(f"wrote {len(LAYOUT_SPECS) * 2} layouts into {OUT}")


if __name__ == "__main__":
    main()
