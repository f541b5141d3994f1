//! The limits of a load, and the parser's budgets that follow from them.

/// Files larger than this are refused before they are read, unless raised.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;
/// How far aliases may expand a file, as a multiple of its size.
pub const DEFAULT_MAX_EXPANSION: u64 = 4;

/// Limits for loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Largest file accepted, in bytes (`--max-file-size`).
    pub max_file_size: u64,
    /// How many times its own size a file may grow through YAML aliases (`--max-expansion`).
    pub max_expansion: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_expansion: DEFAULT_MAX_EXPANSION,
        }
    }
}

/// The serde-saphyr options for a file of `bytes` bytes: budgets scale with the size,
/// so a big honest file loads and a small file cannot expand into a big one.
pub fn parse_options(bytes: usize, opts: &LoadOptions) -> serde_saphyr::Options {
    let factor = opts.max_expansion.max(1) as usize;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(opts.max_file_size as usize);
    // Every event of an alias-free file costs at least one byte: `factor` times the size
    // bounds what aliases may add.
    budget.max_events = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_nodes = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_total_scalar_bytes = bytes.saturating_mul(factor).saturating_add(65536);
    budget.max_recorded_anchor_events = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_recorded_anchor_bytes = bytes.saturating_mul(factor).saturating_add(65536);
    budget.max_aliases = (bytes / 4).saturating_add(1024);
    budget.max_anchors = (bytes / 4).saturating_add(1024);
    budget.max_documents = 1;
    budget.max_depth = 64;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    o.strict_booleans = true;
    o.leading_zero_numbers_as_strings = true;
    o.underscored_numbers_as_strings = true;
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    o
}
