// Package templates embeds the built-in document templates: the words of
// every packet. Each *.md.tmpl is text/template (with sprig and relief's
// legal helpers) producing Markdown, with TOML front matter that names the
// page frame from forms/. Copy them with `relief templates export` and
// draft with `--templates DIR` to change the words without touching Go.
package templates

import "embed"

// FS holds the built-in templates.
//
//go:embed dismissal sealing cor pardon letter prop47 prop64 firecamp
var FS embed.FS
