//! Indexing, formatting and comparison of the array types.

use super::*;

macro_rules! index_ops {
    ($ty:ty) => {
        impl<T: Element, const N: usize> std::ops::Index<[usize; N]> for $ty {
            type Output = T;
            /// # Panics
            /// When `N` differs from the number of axes or an index is out of bounds (the
            /// message names the index, axis and length); [`get`](Self::get) is the `Result`
            /// twin.
            #[track_caller]
            fn index(&self, index: [usize; N]) -> &T {
                let signed: [isize; N] = index.map(|i| i as isize);
                match self.get(&signed) {
                    Ok(v) => v,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    };
}

index_ops!(Array<T>);
index_ops!(ArrayView<'_, T>);
index_ops!(ArrayViewMut<'_, T>);

macro_rules! index_mut_ops {
    ($ty:ty) => {
        impl<T: Element, const N: usize> std::ops::IndexMut<[usize; N]> for $ty {
            #[track_caller]
            fn index_mut(&mut self, index: [usize; N]) -> &mut T {
                let signed: [isize; N] = index.map(|i| i as isize);
                match self.get_mut(&signed) {
                    Ok(v) => v,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    };
}

index_mut_ops!(Array<T>);
index_mut_ops!(ArrayViewMut<'_, T>);

macro_rules! debug_via_display {
    ($ty:ty) => {
        impl<T: Element> fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::display::fmt_repr(&self.view(), f)
            }
        }
        impl<T: Element> fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::display::fmt_str(&self.view(), f)
            }
        }
    };
}

debug_via_display!(Array<T>);
debug_via_display!(ArrayView<'_, T>);
debug_via_display!(ArrayViewMut<'_, T>);

impl<T: Element, U: AsArrayView<T>> PartialEq<U> for Array<T> {
    /// Equal shapes and elementwise equal values (NumPy's `array_equal`).
    fn eq(&self, other: &U) -> bool {
        let other = other.as_view();
        self.shape() == other.shape() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Element, U: AsArrayView<T>> PartialEq<U> for ArrayView<'_, T> {
    fn eq(&self, other: &U) -> bool {
        let other = other.as_view();
        self.shape() == other.shape() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}
