package pdf

// What the external tests (package pdf_test, which compare Render with
// pdftest.RenderGopdf) use of this package's test helpers. pdftest imports
// pdf, so those tests cannot live inside it.
var (
	SampleDoc   = sampleDoc
	Pleading    = pleading
	ReadPage    = readPage
	BenchRender = benchRender
)

// Op is one graphics operator read back from a page (see ReadPage).
type Op = op
