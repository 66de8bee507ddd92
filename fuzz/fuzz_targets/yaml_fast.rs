//! Fuzz target `yaml_fast`: see `rollegalleri_fuzz::yaml_fast` for what runs and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rollegalleri_fuzz::yaml_fast(data);
});
