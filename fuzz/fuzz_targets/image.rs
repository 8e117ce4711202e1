#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| beeldakkoord_core::fuzzing::image(data));
