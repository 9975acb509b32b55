//! The storage contract (`tests/store_contract/`) run natively against the memory store. The same checks
//! run in Chromium against IndexedDB (`tests/web_store.rs`).
#![cfg(not(target_arch = "wasm32"))]

mod store_contract;

use pacer::store::MemoryStore;

macro_rules! against_memory {
    ($($check:ident),*) => {
        $(
            #[test]
            fn $check() {
                pollster::block_on(store_contract::$check(MemoryStore::new()));
            }
        )*
    };
}

for_each_check!(against_memory);
