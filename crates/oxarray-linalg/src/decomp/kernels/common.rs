//! The `Work` methods whose `faer` calls are the same for `f64` and `Complex64`, as one macro
//! that `impls.rs` expands for each type (the names it uses resolve there).

macro_rules! work_common {
    ($t:ty) => {
        fn lu_in_place(
            a: MatMut<'_, $t>,
            perm: &mut [usize],
            perm_inv: &mut [usize],
            par: Par,
        ) -> usize {
            let (m, n) = (a.nrows(), a.ncols());
            let mut mem = MemBuffer::new(plu::factor::lu_in_place_scratch::<usize, $t>(
                m,
                n,
                par,
                Default::default(),
            ));
            let (info, _) = plu::factor::lu_in_place(
                a,
                perm,
                perm_inv,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            info.transposition_count
        }

        fn lu_solve_in_place(
            lu: MatRef<'_, $t>,
            perm: &[usize],
            perm_inv: &[usize],
            transpose: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let (n, k) = (lu.nrows(), rhs.ncols());
            let p = perm_ref(perm, perm_inv);
            if transpose {
                let mut mem = MemBuffer::new(
                    plu::solve::solve_transpose_in_place_scratch::<usize, $t>(n, k, par),
                );
                plu::solve::solve_transpose_in_place_with_conj(
                    lu,
                    lu,
                    p,
                    Conj::No,
                    rhs,
                    par,
                    MemStack::new(&mut mem),
                );
            } else {
                let mut mem =
                    MemBuffer::new(plu::solve::solve_in_place_scratch::<usize, $t>(n, k, par));
                plu::solve::solve_in_place_with_conj(
                    lu,
                    lu,
                    p,
                    Conj::No,
                    rhs,
                    par,
                    MemStack::new(&mut mem),
                );
            }
        }

        fn lu_inverse(
            out: MatMut<'_, $t>,
            lu: MatRef<'_, $t>,
            perm: &[usize],
            perm_inv: &[usize],
            par: Par,
        ) {
            let n = lu.nrows();
            let mut mem = MemBuffer::new(plu::inverse::inverse_scratch::<usize, $t>(n, par));
            plu::inverse::inverse(
                out,
                lu,
                lu,
                perm_ref(perm, perm_inv),
                par,
                MemStack::new(&mut mem),
            );
        }

        fn cholesky_in_place(a: MatMut<'_, $t>, par: Par) -> Result<(), usize> {
            let n = a.nrows();
            let mut mem = MemBuffer::new(llt::factor::cholesky_in_place_scratch::<$t>(
                n,
                par,
                Default::default(),
            ));
            llt::factor::cholesky_in_place(
                a,
                Default::default(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map(|_| ())
            .map_err(|llt::factor::LltError::NonPositivePivot { index }| index)
        }

        fn cholesky_solve_in_place(
            l: MatRef<'_, $t>,
            conj: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let (n, k) = (l.nrows(), rhs.ncols());
            let mut mem = MemBuffer::new(llt::solve::solve_in_place_scratch::<$t>(n, k, par));
            llt::solve::solve_in_place_with_conj(
                l,
                conj_flag(conj),
                rhs,
                par,
                MemStack::new(&mut mem),
            );
        }

        fn qr_in_place(a: MatMut<'_, $t>, par: Par) -> Mat<$t> {
            let (m, n) = (a.nrows(), a.ncols());
            let block = qr::no_pivoting::factor::recommended_block_size::<$t>(m, n);
            let mut coeff = Mat::<$t>::zeros(block, m.min(n));
            let mut mem = MemBuffer::new(qr::no_pivoting::factor::qr_in_place_scratch::<$t>(
                m,
                n,
                block,
                par,
                Default::default(),
            ));
            qr::no_pivoting::factor::qr_in_place(
                a,
                coeff.as_mut(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            coeff
        }

        fn apply_householder(
            basis: MatRef<'_, $t>,
            coeff: MatRef<'_, $t>,
            transpose: bool,
            conj: bool,
            target: MatMut<'_, $t>,
            par: Par,
        ) {
            let (m, k) = (basis.nrows(), target.ncols());
            let mut mem = MemBuffer::new(
                householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<$t>(
                    m,
                    coeff.nrows(),
                    k,
                ),
            );
            let stack = MemStack::new(&mut mem);
            let c = conj_flag(conj);
            if transpose {
                householder::apply_block_householder_sequence_transpose_on_the_left_in_place_with_conj(
                    basis, coeff, c, target, par, stack,
                );
            } else {
                householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
                    basis, coeff, c, target, par, stack,
                );
            }
        }

        fn bidiag_in_place(a: MatMut<'_, $t>, par: Par) -> (Mat<$t>, Mat<$t>) {
            let (m, n) = (a.nrows(), a.ncols());
            let block = qr::no_pivoting::factor::recommended_block_size::<$t>(m, n);
            let mut left = Mat::<$t>::zeros(block, n);
            let mut right = Mat::<$t>::zeros(block, n.saturating_sub(1));
            let mut mem = MemBuffer::new(svd::bidiag::bidiag_in_place_scratch::<$t>(
                m,
                n,
                par,
                Default::default(),
            ));
            svd::bidiag::bidiag_in_place(
                a,
                left.as_mut(),
                right.as_mut(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            (left, right)
        }

        fn svd(
            a: MatRef<'_, $t>,
            s: &mut [f64],
            u: Option<MatMut<'_, $t>>,
            v: Option<MatMut<'_, $t>>,
            par: Par,
        ) -> Result<(), NoConvergence> {
            let (m, n) = (a.nrows(), a.ncols());
            let k = m.min(n);
            let mode = |mat: &Option<MatMut<'_, $t>>| match mat {
                None => svd::ComputeSvdVectors::No,
                Some(x) if x.ncols() == k && x.nrows() != k => svd::ComputeSvdVectors::Thin,
                Some(_) => svd::ComputeSvdVectors::Full,
            };
            let mut mem = MemBuffer::new(svd::svd_scratch::<$t>(
                m,
                n,
                mode(&u),
                mode(&v),
                par,
                Default::default(),
            ));
            let mut diag = Mat::<$t>::zeros(k, 1);
            svd::svd(
                a,
                diag.as_mut().col_mut(0).as_diagonal_mut(),
                u,
                v,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map_err(|_| NoConvergence)?;
            for (i, slot) in s.iter_mut().enumerate() {
                *slot = Work::re(diag[(i, 0)]);
            }
            Ok(())
        }

        fn eigh(
            a: MatRef<'_, $t>,
            w: &mut [f64],
            u: Option<MatMut<'_, $t>>,
            par: Par,
        ) -> Result<(), NoConvergence> {
            let n = a.nrows();
            let vectors = if u.is_some() {
                evd::ComputeEigenvectors::Yes
            } else {
                evd::ComputeEigenvectors::No
            };
            let mut mem = MemBuffer::new(evd::self_adjoint_evd_scratch::<$t>(
                n,
                vectors,
                par,
                Default::default(),
            ));
            let mut diag = Mat::<$t>::zeros(n, 1);
            evd::self_adjoint_evd(
                a,
                diag.as_mut().col_mut(0).as_diagonal_mut(),
                u,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map_err(|_| NoConvergence)?;
            for (i, slot) in w.iter_mut().enumerate() {
                *slot = Work::re(diag[(i, 0)]);
            }
            Ok(())
        }

        fn triangular_solve_in_place(
            t: MatRef<'_, $t>,
            lower: bool,
            unit: bool,
            conj: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let c = conj_flag(conj);
            match (lower, unit) {
                (true, false) => {
                    triangular_solve::solve_lower_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (true, true) => {
                    triangular_solve::solve_unit_lower_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (false, false) => {
                    triangular_solve::solve_upper_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (false, true) => {
                    triangular_solve::solve_unit_upper_triangular_in_place_with_conj(t, c, rhs, par)
                }
            }
        }

        fn matmul(out: MatMut<'_, $t>, a: MatRef<'_, $t>, b: MatRef<'_, $t>, par: Par) {
            matmul::matmul(out, Accum::Replace, a, b, <$t as oxarray_core::Element>::one(), par);
        }
    };
}
