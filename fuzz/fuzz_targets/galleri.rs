//! Fuzz target `galleri`: see `rollegalleri_fuzz::galleri` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::galleri(data);
});
