package draft

import (
	"github.com/reliefkit/relief/internal/tmpl"
	"github.com/reliefkit/relief/templates"
)

// Builtin returns the built-in templates alone.
func Builtin() *tmpl.Set {
	return tmpl.NewSet(tmpl.Layer{Name: "built-in", FS: templates.FS})
}

// Layered returns the templates in dir over the built-ins.
func Layered(user tmpl.Layer) *tmpl.Set {
	return tmpl.NewSet(user, tmpl.Layer{Name: "built-in", FS: templates.FS})
}
