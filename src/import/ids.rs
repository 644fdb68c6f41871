//! Customer ids to dense indices, fast: FxHash over ids packed into one
//! integer, and a direct array for numbered ids (a fixed prefix and digits).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: a fast, non-cryptographic hasher for customer ids.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write_u128(&mut self, i: u128) {
        for v in [i as u64, (i >> 64) as u64] {
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        let mut mix = |v: u64| {
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        };
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            mix(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        // A final avalanche (murmur3's fmix64): the table indexes by the low
        // bits, which the multiply alone leaves tied to the keys' first bytes.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// An id of at most 15 bytes packed into one integer (its length in the top
/// byte, so "A" and "A\0" differ); None for longer ids.
pub(crate) fn pack(id: &str) -> Option<u128> {
    let b = id.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// Customer ids made of a fixed prefix and a fixed number of digits — the
/// shape of the first id read, e.g. "C0008992" or "48213" — map to their
/// number's slot in an array: exact (one shape, so one string per number)
/// and with no hashing. Other ids, and numbers past [`DenseIds::LIMIT`], go
/// to the hash tables.
#[derive(Default)]
pub(crate) struct DenseIds {
    /// (prefix, digits) of the first id; None until then, or when it has no digits.
    shape: Option<Option<(String, usize)>>,
    /// Customer index per number, `EMPTY` where none yet.
    table: Vec<u32>,
}

impl DenseIds {
    pub(crate) const EMPTY: u32 = u32::MAX;
    /// Marks a row's customer as a number still to resolve.
    pub(crate) const NUMBER: u32 = 1 << 31;
    /// Numbers at or above this use the hash tables (the array stays ≤ 16 MB).
    pub(crate) const LIMIT: u32 = 1 << 22;

    pub(crate) fn slot(&mut self, id: &str) -> Option<usize> {
        let shape = self.shape.get_or_insert_with(|| {
            let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
            (1..=9)
                .contains(&digits)
                .then(|| (id[..id.len() - digits].to_string(), digits))
        });
        let (prefix, digits) = shape.as_ref()?;
        let b = id.as_bytes();
        if b.len() != prefix.len() + digits || !b.starts_with(prefix.as_bytes()) {
            return None;
        }
        let mut n = 0u32;
        for &d in &b[prefix.len()..] {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + (d - b'0') as u32;
        }
        if n >= Self::LIMIT {
            return None;
        }
        let slot = n as usize;
        if slot >= self.table.len() {
            let grown = (slot + 1)
                .max(self.table.len() * 2)
                .min(Self::LIMIT as usize);
            self.table.resize(grown, Self::EMPTY);
        }
        Some(slot)
    }

    /// Replaces every `NUMBER | n` in `cust` by the customer index of that
    /// number (new customers in row order, their ids written back from the
    /// shape). A separate pass so the table's cache misses can be fetched
    /// ahead: the rows to come are known here.
    pub(crate) fn resolve(&mut self, cust: &mut [u32], names: &mut String, ends: &mut Vec<u32>) {
        let Some(Some((prefix, digits))) = &self.shape else {
            return;
        };
        const AHEAD: usize = 16;
        let mut buf = [0u8; 9];
        for i in 0..cust.len() {
            if let Some(&later) = cust.get(i + AHEAD) {
                if later & Self::NUMBER != 0 {
                    prefetch(&self.table[(later & !Self::NUMBER) as usize]);
                }
            }
            let c = cust[i];
            if c & Self::NUMBER == 0 {
                continue;
            }
            let slot = (c & !Self::NUMBER) as usize;
            let mut index = self.table[slot];
            if index == Self::EMPTY {
                index = ends.len() as u32;
                self.table[slot] = index;
                let mut n = slot;
                for b in buf[..*digits].iter_mut().rev() {
                    *b = b'0' + (n % 10) as u8;
                    n /= 10;
                }
                names.push_str(prefix);
                names.extend(buf[..*digits].iter().map(|&b| b as char));
                ends.push(names.len() as u32);
            }
            cust[i] = index;
        }
    }
}

/// Asks the CPU to start loading `value`'s cache line (x86-64 only; a no-op elsewhere).
#[inline(always)]
fn prefetch(value: &u32) {
    // SAFETY: a prefetch is only a hint (it never faults, reads nothing into
    // the program) and SSE is part of every x86-64 target.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const u32).cast(),
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Rows grouped by customer index (a counting sort, stable): `start[c]..start[c + 1]`
/// indexes customer c's rows in the returned values, which are `value(row)`
/// in row order within each customer. u32 offsets (rows < 2^32 — the text is
/// smaller than 4 GB in the browser): half the cache footprint of usize for
/// the random walks that follow.
pub fn group_by_customer<T: Copy + Default>(
    cust: &[u32],
    customers: usize,
    value: impl Fn(usize) -> T,
) -> (Vec<u32>, Vec<T>) {
    let mut start = vec![0u32; customers + 1];
    for &c in cust {
        start[c as usize + 1] += 1;
    }
    for i in 0..customers {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut grouped = vec![T::default(); cust.len()];
    for (i, &c) in cust.iter().enumerate() {
        grouped[fill[c as usize] as usize] = value(i);
        fill[c as usize] += 1;
    }
    (start, grouped)
}

#[cfg(test)]
mod tests {
    use super::group_by_customer;

    #[test]
    fn grouping_keeps_row_order_within_a_customer() {
        let cust = [2, 0, 2, 1, 0];
        let (start, rows) = group_by_customer(&cust, 3, |i| i as u32);
        assert_eq!(start, [0, 2, 3, 5]);
        assert_eq!(rows, [1, 4, 3, 0, 2]);
    }
}
