//! Fuzz target `gallery_role`: see `rollegalleri_fuzz::gallery_role` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::gallery_role(data);
});
