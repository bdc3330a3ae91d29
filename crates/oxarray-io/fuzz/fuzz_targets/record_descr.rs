//! Record descriptors on arbitrary text: `np.dtype(spec, align)` parsing (both align modes)
//! and `.npy` descriptor reading. Valid ones must round-trip through `dtype.descr`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oxarray_record::descr::{from_npy_descr, npy_descr};
use oxarray_record::{RecordDType, pyliteral};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for align in [false, true] {
        if let Ok(dt) = RecordDType::parse(text, align) {
            assert!(dt.fields().iter().all(|f| f.offset + f.size() <= dt.itemsize()));
            if align {
                assert_eq!(dt.itemsize() % dt.alignment(), 0);
            }
            let _ = dt.to_string();
        }
    }
    if let Ok(v) = pyliteral::parse(text) {
        let printed = v.to_string();
        assert_eq!(pyliteral::parse(&printed).ok(), Some(v.clone()), "repr round trip of {printed}");
        if let Ok((ty, shape)) = from_npy_descr(&v) {
            let _ = shape;
            if let Ok(d) = npy_descr(&ty) {
                let (ty2, _) = from_npy_descr(&d).expect("our descr parses");
                assert_eq!(ty2.itemsize(), ty.itemsize());
            }
        }
    }
});
