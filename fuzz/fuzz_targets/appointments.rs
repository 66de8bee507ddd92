//! Fuzz target `appointments`: see `rollegalleri_fuzz::appointments` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::appointments(data);
});
