use didit_kit_structural_prototype::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(2).map(|s| s.parse().unwrap()).unwrap_or(3000);
    let body = std::fs::read(&args[1]).unwrap();
    let len = body.len();
    let mut buf = body.clone();
    buf.resize(len + PAD, b' ');
    let input = &buf[..len];
    let mut ctx = Ctx::default();
    ctx.canon(input).unwrap();
    if let Some(r) = args.get(3) {
        let want = std::fs::read(r).unwrap();
        assert!(ctx.out == want, "native output differs from reference");
        eprintln!("native output identical to {r}");
    }
    let time = |name: &str, f: &mut dyn FnMut()| {
        let mut best = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            for _ in 0..rounds { f(); }
            best.push(t.elapsed().as_secs_f64() * 1e6 / rounds as f64);
        }
        best.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{name:>8}: median {:.2} us  (min {:.2} max {:.2})  {:.0} MB/s", best[3], best[0], best[6], len as f64 / best[3]);
    };
    let mut c = Ctx::default();
    time("full", &mut || { c.canon(std::hint::black_box(input)).unwrap(); });
    time("utf8", &mut || { assert!(std::str::from_utf8(std::hint::black_box(input)).is_ok()); });
    time("index", &mut || { c.index(std::hint::black_box(input)).unwrap(); });
    time("walk", &mut || { c.walk(std::hint::black_box(input)).unwrap(); });
    time("write", &mut || { c.write(std::hint::black_box(input)); });
    println!("entries {} tape {} out {}", c.idx.len(), c.tape.len(), c.out.len());
}
