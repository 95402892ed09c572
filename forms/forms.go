// Package forms embeds the page frames: the shape of the paper (pleading
// paper, a Judicial-Council-style form frame, a plain cover or letter
// page). Each *.toml file is one frame; internal/layout reads them. The
// words on the paper live in templates/.
package forms

import "embed"

// FS holds the built-in frames.
//
//go:embed *.toml
var FS embed.FS
