//! Fuzz target `compile`: see `rollegalleri_fuzz::compile` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::compile(data);
});
