//! SeedSequence and bit generators against NumPy (`tests/golden/seeds.json`): pools,
//! generated states and spawned children; every bit generator's state after seeding, after
//! 10^4 raw draws, after `jumped` and `advance`; the parallel fill's child streams.

mod common;

use common::{check_output, seed, state_string};
use oxarray_core::{Array, DynArray};
use oxarray_random::{
    BitGenerator, Entropy, ParallelGenerator, Philox, RandomState, SeedSequence,
    SeedableBitGenerator,
};
use serde_json::Value;

fn u32s(v: &Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u32)
        .collect()
}

/// Entropy integers are written as decimal strings (some exceed 64 bits).
fn entropy(v: &Value) -> Entropy {
    let parse = |x: &Value| -> u128 { x.as_str().unwrap().parse().unwrap() };
    match v {
        Value::Array(items) => Entropy::Ints(items.iter().map(parse).collect()),
        other => Entropy::Int(parse(other)),
    }
}

#[test]
fn seed_sequences_match_numpy() {
    let golden = common::golden("seeds.json");
    let cases = golden["seed_sequences"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let key: Vec<u64> = case["spawn_key"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let pool_size = case["pool_size"].as_u64().unwrap() as usize;
        let mut ss =
            SeedSequence::with_options(entropy(&case["entropy"]), &key, pool_size, 0).unwrap();
        let what = format!(
            "SeedSequence({}, spawn_key={key:?}, pool_size={pool_size})",
            case["entropy"]
        );
        assert_eq!(ss.pool(), &u32s(&case["pool"])[..], "{what}: pool");
        assert_eq!(
            ss.generate_state_u32(9),
            u32s(&case["state_u32"]),
            "{what}: generate_state(9)"
        );
        let u64s: Vec<u64> = case["state_u64"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(
            ss.generate_state_u64(5),
            u64s,
            "{what}: generate_state(5, uint64)"
        );
        let mut kids = ss.spawn(3);
        for (k, want) in kids.iter().zip(case["children"].as_array().unwrap()) {
            assert_eq!(
                k.pool(),
                &u32s(want)[..],
                "{what}: child {:?}",
                k.spawn_key()
            );
        }
        let grandchild = kids[2].spawn(2).remove(1);
        assert_eq!(
            grandchild.pool(),
            &u32s(&case["grandchild"])[..],
            "{what}: grandchild"
        );
        assert_eq!(ss.n_children_spawned(), 3);
    }
}

/// Decimal string to little-endian 64-bit words (schoolbook, for a few large constants).
fn num_words(text: &str) -> Vec<u64> {
    let mut words = vec![0u64; 4];
    for digit in text.bytes().map(|b| u64::from(b - b'0')) {
        let mut carry = digit as u128;
        for w in words.iter_mut() {
            let v = u128::from(*w) * 10 + carry;
            *w = v as u64;
            carry = v >> 64;
        }
    }
    words
}

#[test]
fn bit_generator_states_match_numpy() {
    let golden = common::golden("seeds.json");
    let cases = golden["bitgens"].as_array().unwrap();
    let mut checked = 0;
    for case in cases {
        let name = case["bitgen"].as_str().unwrap();
        let op = case["op"].as_str().unwrap();
        let what = format!("{name} {} {op}", case["seed"]);
        match op {
            "init" => {
                let bg = common::bitgen(name, &seed(&case["seed"]));
                assert_eq!(state_string(&bg), case["state"].as_str().unwrap(), "{what}");
            }
            "raw" => {
                let mut bg = common::bitgen(name, &seed(&case["seed"]));
                let raw: Vec<u64> = with_bitgen!(&mut bg, g => {
                    // NumPy's random_raw: 64-bit draws, or 32-bit ones for MT19937.
                    let is_mt = name == "MT19937";
                    (0..10_000).map(|_| if is_mt { u64::from(g.next_u32()) } else { g.next_u64() }).collect()
                });
                let out: DynArray = Array::from_vec(raw, [10_000]).unwrap().into_dyn();
                check_output(&what, &out, case).unwrap();
                assert_eq!(
                    state_string(&bg),
                    case["state"].as_str().unwrap(),
                    "{what}: state"
                );
            }
            op if op.starts_with("jumped") => {
                let jumps: u64 = op["jumped".len()..].parse().unwrap();
                let mut bg = match case.get("legacy_seed") {
                    Some(s) => common::AnyBitGen::Mt19937(
                        RandomState::new(s.as_u64().unwrap() as u32)
                            .unwrap()
                            .bit_generator()
                            .clone(),
                    ),
                    None => common::bitgen(name, &seed(&case["seed"])),
                };
                let pre = case["pre"].as_u64().unwrap();
                with_bitgen!(&mut bg, g => {
                    for _ in 0..pre {
                        if name == "MT19937" { g.next_u32(); } else { g.next_u64(); }
                    }
                });
                if name == "PCG64" || name == "PCG64DXSM" {
                    with_bitgen!(&mut bg, g => {
                        g.next_u64();
                        g.next_u32(); // leave a kept half, as the NumPy side does
                    });
                }
                let mut jumped = match &bg {
                    common::AnyBitGen::Pcg64(g) => {
                        common::AnyBitGen::Pcg64(g.jumped(u128::from(jumps)))
                    }
                    common::AnyBitGen::Pcg64Dxsm(g) => {
                        common::AnyBitGen::Pcg64Dxsm(g.jumped(u128::from(jumps)))
                    }
                    common::AnyBitGen::Mt19937(g) => common::AnyBitGen::Mt19937(g.jumped(jumps)),
                    common::AnyBitGen::Philox(g) => {
                        common::AnyBitGen::Philox(g.jumped(u128::from(jumps)))
                    }
                    common::AnyBitGen::Sfc64(_) => unreachable!("SFC64 has no jumped"),
                };
                assert_eq!(
                    state_string(&jumped),
                    case["state"].as_str().unwrap(),
                    "{what}"
                );
                let raw: Vec<u64> = with_bitgen!(&mut jumped, g => {
                    (0..5).map(|_| if name == "MT19937" { u64::from(g.next_u32()) } else { g.next_u64() }).collect()
                });
                check_output(
                    &what,
                    &Array::from_vec(raw, [5]).unwrap().into_dyn(),
                    &case["after"],
                )
                .unwrap();
            }
            "advance" => {
                let delta = case["delta"].as_str().unwrap();
                let mut bg = common::bitgen(name, &seed(&case["seed"]));
                match &mut bg {
                    common::AnyBitGen::Pcg64(g) => {
                        g.advance(delta.parse().unwrap());
                    }
                    common::AnyBitGen::Pcg64Dxsm(g) => {
                        g.advance(delta.parse().unwrap());
                    }
                    common::AnyBitGen::Philox(g) => {
                        for _ in 0..3 {
                            g.next_u64();
                        }
                        g.advance(num_words(delta).try_into().unwrap());
                    }
                    _ => unreachable!(),
                }
                assert_eq!(
                    state_string(&bg),
                    case["state"].as_str().unwrap(),
                    "{what} {delta}"
                );
            }
            "key_counter" => {
                let key = num_words(case["key"].as_str().unwrap());
                let counter = num_words(case["counter"].as_str().unwrap());
                let mut p = Philox::with_key([key[0], key[1]], counter.try_into().unwrap());
                let raw: Vec<u64> = (0..12).map(|_| p.next_u64()).collect();
                check_output(&what, &Array::from_vec(raw, [12]).unwrap().into_dyn(), case).unwrap();
                let bg = common::AnyBitGen::Philox(p);
                assert_eq!(
                    state_string(&bg),
                    case["state"].as_str().unwrap(),
                    "{what}: state"
                );
            }
            "spawn" => {
                let parent = common::bitgen(name, &seed(&case["seed"]));
                let children: Vec<String> = match parent {
                    common::AnyBitGen::Pcg64(mut g) => g
                        .spawn(2)
                        .unwrap()
                        .into_iter()
                        .map(common::AnyBitGen::Pcg64)
                        .map(|b| state_string(&b))
                        .collect(),
                    common::AnyBitGen::Pcg64Dxsm(mut g) => g
                        .spawn(2)
                        .unwrap()
                        .into_iter()
                        .map(common::AnyBitGen::Pcg64Dxsm)
                        .map(|b| state_string(&b))
                        .collect(),
                    common::AnyBitGen::Mt19937(mut g) => g
                        .spawn(2)
                        .unwrap()
                        .into_iter()
                        .map(common::AnyBitGen::Mt19937)
                        .map(|b| state_string(&b))
                        .collect(),
                    common::AnyBitGen::Philox(mut g) => g
                        .spawn(2)
                        .unwrap()
                        .into_iter()
                        .map(common::AnyBitGen::Philox)
                        .map(|b| state_string(&b))
                        .collect(),
                    common::AnyBitGen::Sfc64(mut g) => g
                        .spawn(2)
                        .unwrap()
                        .into_iter()
                        .map(common::AnyBitGen::Sfc64)
                        .map(|b| state_string(&b))
                        .collect(),
                };
                let want: Vec<String> = case["children"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                assert_eq!(children, want, "{what}");
            }
            other => panic!("unknown op {other}"),
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} bit generator cases");
}

#[test]
fn parallel_fill_is_numpys_child_streams() {
    let golden = common::golden("seeds.json");
    for case in golden["parallel"].as_array().unwrap() {
        let s = case["seed"].as_u64().unwrap();
        let n = case["n"].as_u64().unwrap() as usize;
        let chunk = case["chunk"].as_u64().unwrap() as usize;
        let mut par = ParallelGenerator::new(s, chunk).unwrap();
        let x = par.random(n).unwrap();
        check_output("parallel random", &x.into_dyn(), &case["random"]).unwrap();
        let z = par.standard_normal(n).unwrap();
        check_output(
            "parallel standard_normal (second call: the next children)",
            &z.into_dyn(),
            &case["second_call_standard_normal"],
        )
        .unwrap();
    }
}
