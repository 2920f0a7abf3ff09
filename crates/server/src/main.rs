fn main() -> std::process::ExitCode {
    palisade_server::cli::main()
}
