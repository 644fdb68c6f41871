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
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
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

/// Any other customer id — e-mail, phone, UUID, nickname, of any length —
/// to its customer index: an open-addressing table of (hash tag, index)
/// words, 8 bytes a slot, sized from the text up front. A lookup reads one
/// slot (the tag settles almost every miss) and compares the id with the
/// customer's first spelling in `names`, which is compact (a few MB) where
/// the text is not; nothing points into the text.
pub(crate) struct StrIds {
    slots: Vec<u64>,
    len: usize,
    /// What the grouped reads of [`StrIds::resolve`] saw, kept so that no
    /// compiler drops them.
    touched: u8,
}

/// Whether two ids are the same bytes, eight at a time (wasm's `memcmp` is a
/// loop over single bytes; an e-mail id is 20-odd bytes, a UUID 36).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    for (p, q) in (&mut x).zip(&mut y) {
        if u64::from_le_bytes(p.try_into().unwrap_or([0; 8]))
            != u64::from_le_bytes(q.try_into().unwrap_or([0; 8]))
        {
            return false;
        }
    }
    x.remainder() == y.remainder()
}

/// Rows whose lookups [`StrIds::resolve`] reads ahead together.
const GROUP: usize = 16;

impl StrIds {
    /// A table for about `customers` ids.
    pub(crate) fn with_capacity(customers: usize) -> StrIds {
        let n = (customers.max(8) * 2).next_power_of_two();
        StrIds {
            slots: vec![0; n],
            len: 0,
            touched: 0,
        }
    }

    fn hash(id: &[u8]) -> u64 {
        let mut h = Fx::default();
        h.write(id);
        h.write_u8(id.len() as u8);
        h.finish()
    }

    /// The customer index of `id`; a new id is appended to `names` / `ends`
    /// and gets the next index.
    #[inline]
    pub(crate) fn index(&mut self, id: &str, names: &mut String, ends: &mut Vec<u32>) -> u32 {
        self.index_keyed(id, Self::hash(id.as_bytes()), names, ends)
    }

    /// [`StrIds::index`] with the id's [`StrIds::key`] already computed.
    #[inline]
    fn index_keyed(&mut self, id: &str, h: u64, names: &mut String, ends: &mut Vec<u32>) -> u32 {
        let tag = (h >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                let c = ends.len() as u32;
                names.push_str(id);
                ends.push(names.len() as u32);
                self.slots[at] = (u64::from(tag) << 32) | u64::from(c + 1);
                self.len += 1;
                if self.len * 2 > self.slots.len() {
                    self.grow(names, ends);
                }
                return c;
            }
            if (slot >> 32) as u32 == tag {
                let c = (slot as u32) - 1;
                let start = if c == 0 {
                    0
                } else {
                    ends[c as usize - 1] as usize
                };
                if same(
                    &names.as_bytes()[start..ends[c as usize] as usize],
                    id.as_bytes(),
                ) {
                    return c;
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The hash a pending id is looked up by (kept with the row, so the
    /// second pass can fetch its slot ahead).
    #[inline]
    pub(crate) fn key(id: &str) -> u64 {
        Self::hash(id.as_bytes())
    }

    /// Resolves the rows whose ids were set aside during the read —
    /// `(row, hash, start, len)`, the id being `text[start..start + len]`, or
    /// `quoted[…]` when bit 31 of start is set (a spelling copied aside) —
    /// in row order (so new customers are numbered as `index` would have).
    ///
    /// A lookup is three dependent reads far apart in memory (the slot, the
    /// customer's end, its spelling), each a likely cache miss. They are
    /// read for [`GROUP`] rows at a time, stage by stage — every slot, then
    /// every end, then every spelling's first byte — so the misses of a
    /// stage are in flight together instead of one after another; then the
    /// rows are looked up in order, from the cache. (Plain loads, not
    /// prefetch hints: wasm has none, and a hint that does not wait is what
    /// the grouped loads give anyway.)
    pub(crate) fn resolve(
        &mut self,
        text: &str,
        quoted: &str,
        pending: &[(u32, u64, u32, u32)],
        cust: &mut [u32],
        names: &mut String,
        ends: &mut Vec<u32>,
    ) {
        let mut words = [0u64; GROUP];
        let mut spans = [0u32; GROUP];
        for group in pending.chunks(GROUP) {
            let mask = self.slots.len() - 1;
            for (w, &(_, h, _, _)) in words.iter_mut().zip(group) {
                *w = self.slots[h as usize & mask];
            }
            for ((span, &w), &(_, h, _, _)) in spans.iter_mut().zip(&words).zip(group) {
                *span = u32::MAX;
                if w != 0 && (w >> 32) as u32 == (h >> 32) as u32 {
                    let c = (w as u32 - 1) as usize;
                    if c < ends.len() {
                        *span = if c == 0 { 0 } else { ends[c - 1] };
                    }
                }
            }
            // The first byte of each spelling, kept so the read stays.
            let mut first = 0u8;
            for &span in &spans[..group.len()] {
                if let Some(&b) = names.as_bytes().get(span as usize) {
                    first ^= b;
                }
            }
            self.touched ^= first;
            for &(row, key, start, len) in group {
                // Bit 31 of the offset: spelled in `quoted` (see `read::QUOTED`).
                let (source, start) = match start & (1 << 31) {
                    0 => (text, start as usize),
                    _ => (quoted, (start & !(1 << 31)) as usize),
                };
                let id = &source[start..start + len as usize];
                cust[row as usize] = self.index_keyed(id, key, names, ends);
            }
        }
    }

    /// Doubles the table, rehashing every id from `names`.
    fn grow(&mut self, names: &str, ends: &[u32]) {
        let mut slots = vec![0u64; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (k, word) in self.slots.iter().enumerate().filter(|(_, w)| **w != 0) {
            let _ = k;
            let c = (*word as u32 - 1) as usize;
            let start = if c == 0 { 0 } else { ends[c - 1] as usize };
            let h = Self::hash(&names.as_bytes()[start..ends[c] as usize]);
            let mut at = h as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = *word;
        }
        self.slots = slots;
    }
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
    /// What the grouped reads of [`DenseIds::resolve`] saw (kept).
    touched: u32,
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
        let mut buf = [0u8; 9];
        let mut seen = [0u32; GROUP];
        let mut touched = 0u32;
        for start in (0..cust.len()).step_by(GROUP) {
            let group = start..(start + GROUP).min(cust.len());
            // Each row's table entry read first, all together (see
            // `StrIds::resolve`), then the rows in order from the cache.
            for (s, &c) in seen.iter_mut().zip(&cust[group.clone()]) {
                if c & Self::NUMBER != 0 {
                    *s = self.table[(c & !Self::NUMBER) as usize];
                }
            }
            touched ^= seen.iter().fold(0, |a, &s| a ^ s);
            for i in group {
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
        self.touched ^= touched;
    }
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
    fn same_compares_every_byte() {
        let ids = [
            "",
            "a",
            "abcdefgh",
            "abcdefgh1",
            "abcdefgi1",
            "abcdefgh2",
            "user.name@example.com",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(
                    super::same(a.as_bytes(), b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
        let long = "0123456789abcdef0123456789abcdef0123";
        for i in 0..long.len() {
            let mut other = long.as_bytes().to_vec();
            other[i] ^= 1;
            assert!(!super::same(long.as_bytes(), &other), "byte {i}");
        }
    }

    #[test]
    fn grouping_keeps_row_order_within_a_customer() {
        let cust = [2, 0, 2, 1, 0];
        let (start, rows) = group_by_customer(&cust, 3, |i| i as u32);
        assert_eq!(start, [0, 2, 3, 5]);
        assert_eq!(rows, [1, 4, 3, 0, 2]);
    }
}
