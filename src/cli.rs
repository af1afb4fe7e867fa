//! The command line: clap definitions, turned into a plain [`Config`].
//!
//! clap stays here. Everything below (`app`, `files`, the library) sees only
//! [`Config`], [`WalkConfig`] and [`redraft::Options`].

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use redraft::{ConflictMode, Options, PartialEnding};

/// Repairs Markdown articles broken by an LLM completer (truncated drafts
/// joined by `---END---` markers, restarts, echoes).
#[derive(Debug, Parser)]
#[command(name = "redraft", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List files that need repair (reads only). Exit 0 clean, 1 needs repair, 2 error.
    Check(CheckArgs),
    /// Repair files in place (or print a diff, or write copies to a directory).
    Fix(FixArgs),
    /// Show how one file would be repaired: fragments, kinds, joins, drops.
    Explain(ExplainArgs),
}

/// Arguments of `redraft check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads stdin. Defaults to `.`.
    pub paths: Vec<PathBuf>,
    /// Flags shared by every command.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Flags that choose which files a walk visits.
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Arguments of `redraft fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or directories to repair; `-` reads stdin and writes stdout. Defaults to `.`.
    pub paths: Vec<PathBuf>,
    /// Write nothing; print a unified diff (exit 1 if there is one).
    #[arg(long, conflicts_with = "output_dir")]
    pub diff: bool,
    /// Write a repaired copy of every input file under DIR (same relative
    /// names; unchanged files are copied too); the sources are untouched.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Exit with 1 when any file was changed.
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// Flags shared by every command.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Flags that choose which files a walk visits.
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Arguments of `redraft explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The file to explain; `-` reads stdin.
    pub file: PathBuf,
    /// Flags shared by every command.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Lines for people.
    #[default]
    Text,
    /// One JSON object per line per file, then a summary object.
    Json,
}

/// How git conflict markers are handled (clap side of [`ConflictMode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ConflictArg {
    /// Report the file as an error and leave it untouched.
    #[default]
    Refuse,
    /// Take both sides in order and repair the result.
    Union,
}

/// Flags shared by every command.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print only errors (and, for `check`, the files that need repair).
    #[arg(short, long)]
    pub quiet: bool,
    /// Worker threads (0: one per CPU).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// The marker the completer appended after each answer.
    #[arg(long, value_name = "STR", default_value = redraft::DEFAULT_MARKER)]
    pub marker: String,
    /// Extra leaked-prompt / chatter line pattern (regex); repeatable.
    #[arg(long = "leak-pattern", value_name = "REGEX")]
    pub leak_patterns: Vec<String>,
    /// The generation prompt: lines that echo it are dropped.
    #[arg(long, value_name = "FILE")]
    pub prompt: Option<PathBuf>,
    /// Keep a final sentence that no draft completes (default).
    #[arg(long, overrides_with = "trim_partial_ending")]
    pub keep_partial_ending: bool,
    /// Drop a final sentence that no draft completes.
    #[arg(long, overrides_with = "keep_partial_ending")]
    pub trim_partial_ending: bool,
    /// What to do with git conflict markers.
    #[arg(long, value_enum, default_value_t = ConflictArg::Refuse)]
    pub conflicts: ConflictArg,
    /// Write repairs even when they would drop text the engine cannot account for.
    #[arg(long)]
    pub no_loss_guard: bool,
}

/// Flags that choose which files a directory walk visits.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// File glob to include while walking (repeatable; replaces the defaults
    /// `*.md`, `*.markdown`, `*.mdx`, `*.txt`).
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Glob to exclude (repeatable); `dir/` excludes a directory.
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// Apply `--exclude` to explicitly named files too (pre-commit passes files by name).
    #[arg(long)]
    pub force_exclude: bool,
}

/// What a run of `check` / `fix` does with each file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Report files that need repair.
    Check,
    /// Repair files in place.
    Fix,
    /// Print a unified diff, write nothing.
    Diff,
    /// Write repaired copies under this directory.
    OutputDir(PathBuf),
}

/// Which files a walk visits.
#[derive(Debug, Clone, Default)]
pub struct WalkConfig {
    /// Include globs (the defaults when the user gave none).
    pub globs: Vec<String>,
    /// Exclude globs.
    pub excludes: Vec<String>,
    /// Whether excludes also apply to explicitly named files.
    pub force_exclude: bool,
}

/// Everything a batch run needs, without clap.
#[derive(Debug, Clone)]
pub struct Config {
    /// What to do with each file.
    pub mode: Mode,
    /// The paths given (at least one; `-` is stdin).
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Print less.
    pub quiet: bool,
    /// Worker threads (0: rayon's default).
    pub threads: usize,
    /// Exit 1 when anything changed (`fix` only).
    pub exit_non_zero_on_fix: bool,
    /// Which files a walk visits.
    pub walk: WalkConfig,
    /// Engine options.
    pub options: Options,
}

/// Everything `explain` needs.
#[derive(Debug, Clone)]
pub struct ExplainConfig {
    /// The file (`-` is stdin).
    pub file: PathBuf,
    /// Output format.
    pub format: Format,
    /// Engine options.
    pub options: Options,
}

/// A parsed command line, ready to run.
#[derive(Debug, Clone)]
pub enum Job {
    /// `check` or `fix`.
    Batch(Config),
    /// `explain`.
    Explain(ExplainConfig),
}

/// The globs a walk uses when the user gives no `--glob`.
pub const DEFAULT_GLOBS: [&str; 4] = ["*.md", "*.markdown", "*.mdx", "*.txt"];

impl Cli {
    /// Turns the parsed arguments into a [`Job`].
    ///
    /// # Errors
    /// An unreadable `--prompt` file, an invalid `--leak-pattern`, or `-`
    /// mixed with other paths or with `--output-dir`.
    pub fn into_job(self) -> Result<Job> {
        match self.command {
            Command::Check(args) => batch(Mode::Check, args.paths, args.common, args.walk, false),
            Command::Fix(args) => {
                let mode = match (args.diff, args.output_dir) {
                    (true, _) => Mode::Diff,
                    (false, Some(dir)) => Mode::OutputDir(dir),
                    (false, None) => Mode::Fix,
                };
                let exit_on_fix = args.exit_non_zero_on_fix;
                batch(mode, args.paths, args.common, args.walk, exit_on_fix)
            }
            Command::Explain(args) => Ok(Job::Explain(ExplainConfig {
                file: args.file,
                format: args.common.format,
                options: options(&args.common)?,
            })),
        }
    }
}

fn batch(
    mode: Mode,
    mut paths: Vec<PathBuf>,
    common: CommonArgs,
    walk: WalkArgs,
    exit_non_zero_on_fix: bool,
) -> Result<Job> {
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    validate_stdin(&mode, &paths)?;
    let globs = if walk.globs.is_empty() {
        DEFAULT_GLOBS.iter().map(|g| g.to_string()).collect()
    } else {
        walk.globs
    };
    Ok(Job::Batch(Config {
        // A batch reports counts and reasons, never the decisions' text.
        options: Options {
            excerpts: false,
            ..options(&common)?
        },
        mode,
        paths,
        format: common.format,
        quiet: common.quiet,
        threads: common.threads,
        exit_non_zero_on_fix,
        walk: WalkConfig {
            globs,
            excludes: walk.excludes,
            force_exclude: walk.force_exclude,
        },
    }))
}

/// Whether a path argument means stdin / stdout.
pub fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// `-` is a stream, not a file: it stands alone and has no relative name to
/// copy under `--output-dir`.
fn validate_stdin(mode: &Mode, paths: &[PathBuf]) -> Result<()> {
    if !paths.iter().any(|p| is_stdin(p)) {
        return Ok(());
    }
    if paths.len() > 1 {
        bail!("`-` (stdin) cannot be combined with other paths");
    }
    if matches!(mode, Mode::OutputDir(_)) {
        bail!("`-` (stdin) cannot be used with --output-dir");
    }
    Ok(())
}

/// The engine options; reads `--prompt` and checks `--leak-pattern` once up
/// front so a typo is one message, not one per file.
fn options(common: &CommonArgs) -> Result<Options> {
    for pattern in &common.leak_patterns {
        if let Err(err) = regex::Regex::new(pattern) {
            bail!("invalid --leak-pattern `{pattern}`: {err}");
        }
    }
    if common.marker.trim().is_empty() {
        bail!("--marker must not be empty");
    }
    let prompt = match &common.prompt {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read --prompt file", path.display()))?,
        ),
        None => None,
    };
    Ok(Options {
        marker: common.marker.clone(),
        leak_patterns: common.leak_patterns.clone(),
        prompt,
        conflicts: match common.conflicts {
            ConflictArg::Refuse => ConflictMode::Refuse,
            ConflictArg::Union => ConflictMode::Union,
        },
        partial_ending: if common.trim_partial_ending {
            PartialEnding::Trim
        } else {
            PartialEnding::Keep
        },
        loss_guard: !common.no_loss_guard,
        excerpts: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(args: &[&str]) -> Result<Job> {
        let mut argv = vec!["redraft"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv)?.into_job()
    }

    fn config(args: &[&str]) -> Config {
        match job(args) {
            Ok(Job::Batch(config)) => config,
            other => panic!("expected a batch job, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let c = config(&["check"]);
        assert_eq!(c.mode, Mode::Check);
        assert_eq!(c.paths, vec![PathBuf::from(".")]);
        assert_eq!(c.walk.globs, DEFAULT_GLOBS.to_vec());
        assert_eq!(c.options.marker, "---END---");
        assert_eq!(c.options.partial_ending, PartialEnding::Keep);
        assert!(c.options.loss_guard);
    }

    #[test]
    fn fix_modes() {
        assert_eq!(config(&["fix", "--diff", "a"]).mode, Mode::Diff);
        assert_eq!(
            config(&["fix", "--output-dir", "o", "a"]).mode,
            Mode::OutputDir(PathBuf::from("o"))
        );
        assert!(job(&["fix", "--diff", "--output-dir", "o"]).is_err());
    }

    #[test]
    fn last_partial_ending_flag_wins() {
        let c = config(&["fix", "--keep-partial-ending", "--trim-partial-ending"]);
        assert_eq!(c.options.partial_ending, PartialEnding::Trim);
        let c = config(&["fix", "--trim-partial-ending", "--keep-partial-ending"]);
        assert_eq!(c.options.partial_ending, PartialEnding::Keep);
    }

    #[test]
    fn globs_replace_defaults() {
        let c = config(&["check", "--glob", "*.rst", "--exclude", "x/"]);
        assert_eq!(c.walk.globs, vec!["*.rst".to_string()]);
        assert_eq!(c.walk.excludes, vec!["x/".to_string()]);
    }

    #[test]
    fn bad_leak_pattern_is_one_error() {
        assert!(job(&["check", "--leak-pattern", "("]).is_err());
    }

    #[test]
    fn stdin_stands_alone() {
        assert!(job(&["fix", "-", "a.md"]).is_err());
        assert!(job(&["fix", "--output-dir", "o", "-"]).is_err());
        assert!(job(&["fix", "-"]).is_ok());
    }
}
