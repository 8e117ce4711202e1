//! What opening the data key costs: one argon2id derivation at the stored
//! parameters (`KDF`: 192 MiB, 3 passes), the work a sign-in adds and an attacker
//! pays per guessed password. Run: `cargo bench -p beeldakkoord-core --bench keys`.

use beeldakkoord_core::crypto::keys::{self, DataKey, KDF};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let key = DataKey::generate();
    let wrapped = keys::wrap(&key, "een lange zin als wachtwoord").expect("wrap");
    let mut g = c.benchmark_group("data_key");
    g.sample_size(10);
    g.bench_function(format!("unwrap_argon2id_{}MiB_t{}", KDF.memory_kib / 1024, KDF.passes), |b| {
        b.iter(|| keys::unwrap(&wrapped, "een lange zin als wachtwoord").expect("unwrap"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
