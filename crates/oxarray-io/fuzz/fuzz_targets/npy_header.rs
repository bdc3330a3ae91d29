//! The `.npy` reader on arbitrary bytes: parsing the header and, when it is valid, the whole
//! file. It must return an error or an array whose size matches the header, never panic
//! or read out of bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oxarray_io::{NpyData, from_bytes, header::parse_header};

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.npy");
    if let Ok(h) = parse_header(data, path, 1 << 16) {
        // A parsed header describes an in-range array and writes back as a valid header.
        assert!(h.data_offset as usize <= data.len());
        if let Ok(again) = oxarray_io::header::write_header(&h.ty, &h.shape, h.fortran_order, None) {
            let back = parse_header(&again, path, 1 << 20).expect("our own header parses");
            assert_eq!(back.shape, h.shape);
            assert_eq!(back.ty, h.ty);
        }
    }
    if let Ok(d) = from_bytes::<NpyData>(data) {
        let n: usize = d.shape().iter().product();
        let _ = n;
        let _ = oxarray_io::to_bytes(&match d {
            NpyData::Array(a) => a,
            NpyData::Records(r) => {
                let _ = oxarray_io::to_bytes(&r);
                return;
            }
        });
    }
});
