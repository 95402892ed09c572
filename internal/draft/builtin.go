package draft

import (
	"sync"

	"github.com/reliefkit/relief/internal/tmpl"
	"github.com/reliefkit/relief/templates"
)

// builtin is the set of built-in templates; they are embedded and never
// change, so one set (and its cache of what it has read) serves the process.
var builtin = sync.OnceValue(func() *tmpl.Set {
	return tmpl.NewSet(tmpl.Layer{Name: "built-in", FS: templates.FS})
})

// Builtin returns the built-in templates alone.
func Builtin() *tmpl.Set { return builtin() }
