//! Fuzz target `catalog`: see `rollegalleri_fuzz::catalog` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::catalog(data);
});
