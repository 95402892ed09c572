// Package lint checks document templates before anyone drafts with them:
// each template is parsed (front matter, template syntax, functions,
// {{template}} names), then every document template is rendered against
// built-in fixture cases (and any case files given), laid out on its page
// frame (Markdown relief does not support, characters the fonts cannot
// print) and the whole packet is assembled into a PDF, exactly as
// `relief draft` would. Every problem is reported as file:line:col:
// message, located in the file a person edits.
//
// It also describes the data model templates see (Fields), from the Go
// types by reflection and from their doc comments, which `go generate`
// copies out of internal/assemble into fielddocs_gen.go.
package lint

//go:generate go run ./gen -in ../assemble -out fielddocs_gen.go
