//! `oleron-bill [YEAR] [--semester N]`: the bills of a semester, a year or the whole
//! convention, in the format asked, on the standard output or into a file.

use super::{check_scope, warn_contradicted, Inputs};
use crate::error::Result;
use crate::export::{Export, Report, Scope};
use crate::options::Output;
use crate::output::{self, FileOutput};

pub fn run(inputs: &Inputs, scope: Scope, export: &dyn Export, file: Option<Output>) -> Result<()> {
    // The output file is checked before anything is read, so that a mistake in its name is
    // told at once.
    let file = file
        .map(|out| FileOutput::prepare(&out.path, out.force, &inputs.read()))
        .transpose()?;
    let (c, name, usage) = inputs.convention_and_usage(scope)?;
    check_scope(&c, &name, scope)?;
    warn_contradicted(&c, &name);
    let report = Report {
        convention: &c,
        scope,
        usage: &usage,
        with_usage: inputs.usage.is_some(),
    };
    let write = |out: &mut dyn std::io::Write| export.write(&report, out);
    match file {
        Some(file) => file.write_with(write),
        None => output::stdout_with(write),
    }
}
