//! Prints where the seam finder puts fragment 0's seam (a development
//! aid): `cargo run --example seam -- FILE` shows the text around it. The
//! fragment is the text before the first `---END---`, front matter and
//! all (close enough to what the engine cleans).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: seam FILE")?;
    let input = std::fs::read_to_string(path)?.replace("\r\n", "\n");
    let first = input.split("---END---").next().unwrap_or("");
    match redraft::clean::seam(first) {
        Some(at) => {
            let boundary = |mut i: usize| {
                while !first.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let from = boundary(at.saturating_sub(200));
            let to = boundary((at + 200).min(first.len()));
            println!(
                "seam at {at}:\n{}\n>>>>>>\n{}",
                &first[from..at],
                &first[at..to]
            );
        }
        None => println!("no seam"),
    }
    Ok(())
}
