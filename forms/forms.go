// Package forms embeds the page frames: the shape of the paper (pleading
// paper, a Judicial-Council-style form frame, a plain cover or letter
// page). Each *.toml file is one frame; internal/layout reads and checks
// them, and `go generate ./internal/draft` compiles them into the binary
// (frames_gen.go) so that relief parses no TOML for them at start-up. The
// words on the paper live in templates/.
package forms

import "embed"

// FS holds the built-in frames.
//
//go:embed *.toml
var FS embed.FS
