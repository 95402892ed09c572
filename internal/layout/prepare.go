package layout

// Prepare builds, now, the Markdown parser, which laying out a document
// would otherwise build at first use. It is safe to call at any time,
// from any goroutine, more than once.
func Prepare() { md() }
