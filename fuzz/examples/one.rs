//! Runs one input on a target and prints how long it took: `one <target> <file>`.
fn main() {
    let target = sorn_fuzz::Target::from_name(&std::env::args().nth(1).unwrap()).unwrap();
    let path = std::env::args().nth(2).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy().into_owned();
    let s = std::time::Instant::now();
    sorn_fuzz::drive(target, &sorn_fuzz::Input { name, bytes });
    println!("{:?}", s.elapsed());
}
