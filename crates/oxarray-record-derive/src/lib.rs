//! `#[derive(Record)]` for `#[repr(C)]` structs: their structured dtype for
//! [`oxarray-record`](https://docs.rs/oxarray-record).
//!
//! The derive implements `oxarray_record::Record` and `oxarray_record::RecordField` (so that
//! a derived struct can be a field of another), and emits a compile-time assertion that every
//! field's Rust offset and the struct's size are those of NumPy's layout: `align=True` for
//! `#[repr(C)]`, `align=False` for `#[repr(C, packed)]`. Fields must be element types,
//! fixed-size arrays of fields (sub-arrays), or other derived records; anything else fails to
//! compile with a missing `RecordField` impl.
//!
//! ```text
//! use oxarray_record::Record;
//! #[derive(Record, Clone, Copy)]
//! #[repr(C)]
//! struct Particle { timestamp: u64, position: [f32; 3], velocity: [f32; 3] }
//! ```
//!
//! Through the facade, name the crate path: `#[record(crate = "oxarray::record")]`.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr, Member, parse_macro_input};

/// Derives `Record` and `RecordField` for a `#[repr(C)]` (or `#[repr(C, packed)]`) struct.
#[proc_macro_derive(Record, attributes(record))]
pub fn derive_record(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(ts) => ts.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// The layout the struct's `repr` asks for.
#[derive(PartialEq)]
enum Repr {
    C,
    CPacked,
}

fn repr_of(input: &DeriveInput) -> syn::Result<Repr> {
    let mut c = false;
    let mut packed = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("C") {
                c = true;
            } else if meta.path.is_ident("packed") {
                if meta.input.peek(syn::token::Paren) {
                    return Err(meta.error("#[derive(Record)] supports packed, not packed(N)"));
                }
                packed = true;
            } else {
                return Err(meta.error(
                    "#[derive(Record)] needs #[repr(C)] or #[repr(C, packed)] and nothing else",
                ));
            }
            Ok(())
        })?;
    }
    match (c, packed) {
        (true, false) => Ok(Repr::C),
        (true, true) => Ok(Repr::CPacked),
        _ => Err(syn::Error::new(
            Span::call_site(),
            "#[derive(Record)] needs #[repr(C)] (NumPy's align=True) or #[repr(C, packed)] \
             (align=False): Rust's default layout reorders fields",
        )),
    }
}

fn crate_path(input: &DeriveInput) -> syn::Result<syn::Path> {
    let mut path: syn::Path = syn::parse_quote!(::oxarray_record);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("record")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                path = lit.parse()?;
                Ok(())
            } else {
                Err(meta.error("unknown record attribute (expected crate = \"path\")"))
            }
        })?;
    }
    Ok(path)
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let repr = repr_of(input)?;
    let krate = crate_path(input)?;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "#[derive(Record)] does not support generic structs",
        ));
    }
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[derive(Record)] is for structs",
        ));
    };
    let name = &input.ident;
    let (members, names, types): (Vec<Member>, Vec<String>, Vec<&syn::Type>) = match &data.fields {
        Fields::Named(f) => f
            .named
            .iter()
            .map(|f| {
                let id = f.ident.clone().expect("named field");
                let n = id.to_string();
                let n = n.strip_prefix("r#").map(str::to_string).unwrap_or(n);
                (Member::Named(id), n, &f.ty)
            })
            .fold((vec![], vec![], vec![]), |mut acc, (m, n, t)| {
                acc.0.push(m);
                acc.1.push(n);
                acc.2.push(t);
                acc
            }),
        Fields::Unnamed(f) => f
            .unnamed
            .iter()
            .enumerate()
            .map(|(i, f)| (Member::from(i), format!("f{i}"), &f.ty))
            .fold((vec![], vec![], vec![]), |mut acc, (m, n, t)| {
                acc.0.push(m);
                acc.1.push(n);
                acc.2.push(t);
                acc
            }),
        Fields::Unit => (vec![], vec![], vec![]),
    };
    let r = quote!(#krate::__private);
    let field_trait = quote!(#krate::RecordField);
    let aligned = repr == Repr::C;
    let align_variant = if aligned {
        quote!(#r::Align::C)
    } else {
        quote!(#r::Align::Packed)
    };

    let specs = members.iter().zip(&names).zip(&types).map(|((m, n), t)| {
        quote! {
            #r::FieldSpec {
                name: ::std::string::String::from(#n),
                ty: <#t as #field_trait>::field_type(),
                shape: <#t as #field_trait>::shape(),
                offset: ::std::option::Option::Some(#r::offset_of!(#name, #m)),
            }
        }
    });
    let reads = members.iter().zip(&types).map(
        |(m, t)| quote!(#m: <#t as #field_trait>::read_bytes(&bytes[#r::offset_of!(#name, #m)..])),
    );
    let writes = members.iter().zip(&types).enumerate().map(|(i, (m, t))| {
        let v = format_ident!("__value{}", i);
        // Copy the field out first: a packed struct's fields cannot be borrowed.
        quote! {
            let #v: #t = self.#m;
            <#t as #field_trait>::write_bytes(&#v, &mut out[#r::offset_of!(#name, #m)..]);
        }
    });
    let checks = members.iter().zip(&names).zip(&types).map(|((m, n), t)| {
        let place = if aligned {
            quote!(offset = #r::align_up(offset, <#t as #field_trait>::ALIGN);)
        } else {
            quote!()
        };
        let msg = format!(
            "#[derive(Record)]: the Rust offset of field `{n}` of `{name}` differs from NumPy's"
        );
        quote! {
            #place
            assert!(#r::offset_of!(#name, #m) == offset, #msg);
            offset += <#t as #field_trait>::SIZE;
            if <#t as #field_trait>::ALIGN > max_align {
                max_align = <#t as #field_trait>::ALIGN;
            }
        }
    });
    let size_msg = format!("#[derive(Record)]: the size of `{name}` differs from NumPy's itemsize");
    let final_size = if aligned {
        quote!(#r::align_up(offset, max_align))
    } else {
        quote!(offset)
    };
    let own_align = if aligned {
        quote!(::std::mem::align_of::<#name>())
    } else {
        quote!(1)
    };
    let ctor = match &data.fields {
        Fields::Unit => quote!(#name),
        _ => quote!(#name { #(#reads),* }),
    };

    Ok(quote! {
        const _: () = {
            let mut offset: usize = 0;
            let mut max_align: usize = 1;
            #(#checks)*
            let _ = max_align;
            assert!(#r::size_of::<#name>() == #final_size, #size_msg);
        };

        impl #krate::Record for #name {
            fn record_dtype() -> #r::RecordDType {
                let fields = [#(#specs),*];
                #r::RecordDType::new(&fields, #align_variant)
                    .expect("the layout was checked against NumPy's at compile time")
            }
            #[allow(unused_variables)]
            fn read_record(bytes: &[u8]) -> Self {
                #ctor
            }
            #[allow(unused_variables)]
            fn write_record(&self, out: &mut [u8]) {
                #(#writes)*
            }
        }

        impl #field_trait for #name {
            const SIZE: usize = #r::size_of::<#name>();
            const ALIGN: usize = #own_align;
            fn field_type() -> #r::FieldType {
                #r::FieldType::Record(#r::Arc::new(<#name as #krate::Record>::record_dtype()))
            }
            fn read_bytes(bytes: &[u8]) -> Self {
                <#name as #krate::Record>::read_record(bytes)
            }
            fn write_bytes(&self, out: &mut [u8]) {
                <#name as #krate::Record>::write_record(self, out)
            }
        }
    })
}
