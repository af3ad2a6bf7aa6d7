//! What std's prelude gives, taken from `alloc`, so that the crate also builds without `std` (the
//! WebAssembly modules: no std means no std panic machinery, which links `core::fmt`). Native
//! builds always have std.
#![allow(unused_imports)]

pub(crate) use alloc::{
    borrow::ToOwned,
    boxed::Box,
    format,
    string::{String, ToString},
    vec,
    vec::Vec,
};

/// `f64::fract` and `f64::floor`, which core lacks on this toolchain, for the build without std
/// (std's inherent methods take precedence wherever std is linked).
#[cfg_attr(any(feature = "std", not(target_arch = "wasm32")), allow(dead_code))]
pub(crate) trait F64Ext {
    /// `self` without its fraction, rounded toward zero.
    fn trunc(self) -> f64;
    /// `self - self.trunc()`, as std's `f64::fract`.
    fn fract(self) -> f64;
    /// The largest whole double not above `self`, as std's `f64::floor`.
    fn floor(self) -> f64;
}

impl F64Ext for f64 {
    fn trunc(self) -> f64 {
        // From 2^52 on every double is whole; NaN and the infinities stay as they are.
        let small = f64::from_bits(self.to_bits() & !(1 << 63)) < 4_503_599_627_370_496.0;
        if small {
            self as i64 as f64
        } else {
            self
        }
    }
    fn fract(self) -> f64 {
        self - F64Ext::trunc(self)
    }
    fn floor(self) -> f64 {
        let t = F64Ext::trunc(self);
        if t > self {
            t - 1.0
        } else {
            t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::F64Ext;

    #[test]
    fn float_helpers_agree_with_std() {
        for x in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.5,
            2.75,
            1e15 + 0.5,
            -1e15 - 0.5,
            4.5e15,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(
                F64Ext::fract(x).to_bits() & !(1 << 63),
                x.fract().to_bits() & !(1 << 63),
                "{x}"
            );
            assert_eq!(F64Ext::floor(x), x.floor(), "{x}");
        }
        assert!(F64Ext::fract(f64::NAN).is_nan() && F64Ext::floor(f64::NAN).is_nan());
    }
}
