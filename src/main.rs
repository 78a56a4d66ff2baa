//! The `diaodu` binary; all of it lives in [`diaodu::cli`].

fn main() -> std::process::ExitCode {
    diaodu::cli::main()
}
