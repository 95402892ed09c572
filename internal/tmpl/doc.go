// Package tmpl renders the templates relief drafts court papers from.
//
// A template is a text/template file with sprig's functions that produces
// Markdown. Templates come from layers (the user's --templates folder, the
// config folder, the built-in set); for each path the first layer that has
// the file wins. A document is a *.md.tmpl file that starts with TOML front
// matter between two lines of +++:
//
//	+++
//	frame = "pleading"
//	title = "PETITION FOR DISMISSAL"
//	+++
//	{{template "partials/caption.tmpl" .}}
//	Petitioner {{.Petitioner.Name}} asks …
//
// Every *.tmpl file in a folder named partials (of any layer) is available
// to every document under its path.
//
// People who are not programmers edit templates, so every error is an
// *Error that names the file, line and column to fix in plain words.
// Rendering is hermetic: templates see only their data and the Set, and the
// functions that read the clock, the environment, randomness, the network
// or files are removed (see FuncNames). Rendering is bounded: output size
// and time are limited by Options, and counts, loops and the size of every
// value a function returns are limited too, so that a runaway loop ends
// with a message instead of exhausting the machine.
package tmpl
