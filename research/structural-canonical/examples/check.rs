use didit_kit_structural_prototype::*;
fn run(s: &str) -> Result<String, Err> {
    let mut b = s.as_bytes().to_vec(); let len = b.len(); b.resize(len + PAD, b'7');
    let mut c = Ctx::default(); c.canon(&b[..len])?; Ok(String::from_utf8(c.out.clone()).unwrap())
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() > 1 { // file of JSON lines -> print canonical or ERR
        let all = std::fs::read_to_string(&args[1]).unwrap(); for line in all.strip_suffix("\n").unwrap_or(&all).split("\n") {
            match run(line) { Ok(s) => println!("{s}"), Err(e) => { println!("ERR"); if std::env::var("DBG").is_ok() { eprintln!("{e:?}") } } }
        }
        return;
    }
}
