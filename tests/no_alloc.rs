//! Decode, explanation and diagnosis make no heap allocation: a counting global allocator
//! watches them (its own test binary, so nothing else allocates on the counted thread).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[cfg(feature = "alloc")]
use iso8583_response::codes::explain_text;
use iso8583_response::codes::{Scheme, explain};
use iso8583_response::decode;
use iso8583_response::dialect::{self, Dialect};

struct Counting;

thread_local! {
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        COUNT.with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made on this thread while `f` runs.
fn allocations(f: impl FnOnce()) -> usize {
    let before = COUNT.with(Cell::get);
    f();
    COUNT.with(Cell::get) - before
}

#[path = "support/vectors.rs"]
mod support;
use support::vector;

#[test]
fn decode_explain_and_diagnose_do_not_allocate() {
    let cases: Vec<(Vec<u8>, &Dialect)> = vec![
        (vector("iso87-ascii/emv_0210.hex"), &dialect::ISO87_ASCII),
        (
            vector("iso87-ascii-binbitmap/secondary_0410.hex"),
            &dialect::ISO87_ASCII_BINBITMAP,
        ),
        (
            vector("iso87-ascii/pyiso8583-0210-funds-decline-54.hex"),
            &dialect::ISO87_ASCII,
        ),
        (
            vector("iso93-ascii/fluidpay-purchase-authorization-1210.hex"),
            &dialect::ISO93_ASCII,
        ),
        (
            vector("iso93-bcd/synapseix-issue1-jpos-1810.hex"),
            &dialect::ISO93_BCD,
        ),
        (
            vector("cup-pos/vfwz-0210-pay-response-gbk43-56-59.hex"),
            &dialect::CUP_POS_UNFRAMED,
        ),
        (
            vector("cup-pos/ipaynow-0810-signin-response.hex"),
            &dialect::CUP_POS,
        ),
    ];
    // A sink that formats without allocating.
    struct Sink(usize);
    impl std::fmt::Write for Sink {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    for (bytes, d) in &cases {
        let n = allocations(|| {
            let message = decode(bytes, d).unwrap();
            for field in message.fields() {
                let _ = field.digits().map(Iterator::count);
                let _ = field.bytes().map(Iterator::count);
                let _ = field.as_str();
            }
            let diagnosis = message.diagnose();
            assert_eq!(diagnosis.mti(), message.mti());
            let mut sink = Sink(0);
            std::fmt::Write::write_fmt(&mut sink, format_args!("{message}{message:?}{diagnosis}"))
                .unwrap();
            assert!(sink.0 > 100);
            assert!(diagnosis.balances().count() < 10);
        });
        assert_eq!(n, 0, "{}", d.name());
    }
    // Text matching builds its automaton once, at first use; after that it does not allocate.
    #[cfg(feature = "alloc")]
    let _ = explain_text("warm up");
    let n = allocations(|| {
        for code in ["00", "05", "51", "N7", "116", "050", "Q7", "a1"] {
            let _ = explain(code, None);
        }
        assert!(explain("A0", Some(Scheme::Cup)).is_some());
        #[cfg(feature = "alloc")]
        for text in [
            "CONTACT ISSUER",
            "请与发卡行联系",
            "交易失败 余额不足，请查询",
            "EXPIRED CARD - PICK UP",
            "05 交易失败",
            "POS机刷不了卡",
            "nothing known here",
        ] {
            let _ = explain_text(text);
        }
        #[cfg(feature = "alloc")]
        let _ = explain_text("");
    });
    assert_eq!(n, 0);
    // Errors too.
    let n = allocations(|| {
        let e = decode(b"0110ZZ", &dialect::ISO87_ASCII).unwrap_err();
        let mut sink = Sink(0);
        std::fmt::Write::write_fmt(&mut sink, format_args!("{e}")).unwrap();
    });
    assert_eq!(n, 0);
}
