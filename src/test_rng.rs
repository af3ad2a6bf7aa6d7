//! A small deterministic generator for the unit tests: xorshift64 (Marsaglia, "Xorshift RNGs",
//! 2003), so that a failing case repeats from its seed.

/// The generator's state; seed it with any nonzero value.
pub(crate) struct TestRng(pub(crate) u64);

impl TestRng {
    /// The next 64 bits.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
