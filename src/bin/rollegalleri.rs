fn main() -> std::process::ExitCode {
    rollegalleri::main()
}
