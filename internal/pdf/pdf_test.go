package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	"rsc.io/pdf"
)

func text(x, y float64, f fonts.Face, size float64, s string) drawlist.Op {
	return drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: f, Size: size, Text: s}
}

// sampleDoc has a Letter page of mixed ops, an empty Letter page and a
// Legal page.
func sampleDoc() drawlist.Doc {
	return drawlist.Doc{
		Title:   "Petition for Dismissal — People v. Muñoz",
		Subject: "Penal Code § 1203.4",
		Author:  "José Muñoz",
		Creator: "relief test",
		Created: date.MustParse("2026-11-26"),
		Pages: []drawlist.Page{
			{Width: 612, Height: 792, Ops: []drawlist.Op{
				text(72, 100, fonts.Serif, 12, "Nguyễn Thị Hồng"),
				text(72, 124, fonts.SerifBold, 14, "José Muñoz"),
				{Kind: drawlist.Line, X: 72, Y: 130, X2: 540, Y2: 130, Stroke: 0.5},
				{Kind: drawlist.Rect, X: 72, Y: 140, W: 100, H: 50, Stroke: 1, Fill: true, Gray: 0.8},
				{Kind: drawlist.Rect, X: 300, Y: 140, W: 100, H: 50, Stroke: 2},
				{Kind: drawlist.Rect, X: 300, Y: 300, W: 10, H: 10, Fill: true},
				{Kind: drawlist.Text, X: 80, Y: 170, Face: fonts.Sans, Size: 10, Text: "Gray text", Gray: 0.5},
				text(72, 700, fonts.Serif, 12, "(a) “Quoted” – dash … ¶ § 17(b)"),
			}},
			{Width: 612, Height: 792},
			{Width: 612, Height: 1008, Ops: []drawlist.Op{
				text(36.25, 50.5, fonts.SerifItalic, 9.5, "Legal page"),
			}},
		},
		Bookmarks: []drawlist.Bookmark{{Title: "Petition", Page: 0}, {Title: "Exhibit A", Page: 0}, {Title: "Proof of Service", Page: 2}},
	}
}

// pleading returns an n-page pleading-like document: 28 numbered lines of
// 12 pt serif text per page, the left double rule, the right rule, a
// footer rule and a caption box on the first page.
func pleading(n int) drawlist.Doc {
	doc := drawlist.Doc{Title: "Pleading", Author: "A. Filer", Creator: "relief bench", Created: date.MustParse("2026-11-26")}
	const sentence = "The petitioner respectfully asks the court to grant relief under Penal Code section 1203.4, "
	for p := range n {
		pg := drawlist.Page{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight}
		pg.Ops = append(pg.Ops,
			drawlist.Op{Kind: drawlist.Line, X: 68, Y: 0, X2: 68, Y2: 792, Stroke: 0.75},
			drawlist.Op{Kind: drawlist.Line, X: 70.5, Y: 0, X2: 70.5, Y2: 792, Stroke: 0.75},
			drawlist.Op{Kind: drawlist.Line, X: 556, Y: 0, X2: 556, Y2: 792, Stroke: 0.75},
			drawlist.Op{Kind: drawlist.Line, X: 72, Y: 752, X2: 540, Y2: 752, Stroke: 0.5},
		)
		if p == 0 {
			pg.Ops = append(pg.Ops, drawlist.Op{Kind: drawlist.Rect, X: 300, Y: 20, W: 240, H: 50, Stroke: 0.5})
		}
		for i := range 28 {
			y := 92 + 24*float64(i)
			pg.Ops = append(pg.Ops,
				text(54, y, fonts.Serif, 12, strconv.Itoa(i+1)),
				text(80, y, fonts.Serif, 12, sentence[:40+(i*7)%50]),
			)
		}
		pg.Ops = append(pg.Ops, text(290, 770, fonts.Serif, 10, fmt.Sprintf("- %d -", p+1)))
		doc.Pages = append(doc.Pages, pg)
	}
	doc.Bookmarks = []drawlist.Bookmark{{Title: "Petition", Page: 0}}
	return doc
}

func render(t *testing.T, doc drawlist.Doc) (*pdf.Reader, []byte) {
	t.Helper()
	b, err := Render(doc)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("reading the PDF back: %v", err)
	}
	return r, b
}

// A run is one text-showing operator read back from a content stream.
type run struct {
	X, Y     float64 // PDF user space, origin bottom-left
	Font     string  // BaseFont
	Size     float64
	Gray     float64 // fill gray
	Text     string  // decoded through the font's ToUnicode CMap
	Width    float64 // from the font's /W widths, in points
	Embedded bool    // the font has a FontFile2 stream
}

// op is one graphics operator with its operands, for shape checks.
type op struct {
	Name string
	Args []float64
}

// readPage interprets page i (1-based) of r. rsc.io/pdf cannot decode
// Identity-H text itself (it returns the raw glyph ids), so the text runs
// are decoded here through each font's ToUnicode CMap and /W widths.
func readPage(t *testing.T, r *pdf.Reader, i int) ([]run, []op) {
	t.Helper()
	page := r.Page(i)
	type font struct {
		name     string
		uni      map[int]rune
		width    map[int]float64
		embedded bool
	}
	cache := map[string]*font{}
	loadFont := func(key string) *font {
		if f := cache[key]; f != nil {
			return f
		}
		v := page.Font(key).V
		if v.IsNull() {
			t.Fatalf("page %d: no font resource %s", i, key)
		}
		cid := v.Key("DescendantFonts").Index(0)
		f := &font{name: baseName(t, v.Key("BaseFont").Name()), uni: map[int]rune{}, width: map[int]float64{}}
		ff := cid.Key("FontDescriptor").Key("FontFile2")
		f.embedded = ff.Kind() == pdf.Stream && ff.Key("Length1").Int64() > 0
		w := cid.Key("W")
		for j := 0; j+1 < w.Len(); j += 2 {
			first, ws := int(w.Index(j).Int64()), w.Index(j+1)
			for k := 0; k < ws.Len(); k++ {
				f.width[first+k] = ws.Index(k).Float64()
			}
		}
		cmap, err := io.ReadAll(v.Key("ToUnicode").Reader())
		if err != nil {
			t.Fatal(err)
		}
		f.uni = pdftext.ToUnicode(cmap)
		cache[key] = f
		return f
	}

	var (
		runs   []run
		ops    []op
		x, y   float64
		cur    *font
		size   float64
		gray   float64
		gstack []float64
	)
	pdf.Interpret(page.V.Key("Contents"), func(stk *pdf.Stack, name string) {
		args := make([]pdf.Value, stk.Len())
		for k := len(args) - 1; k >= 0; k-- {
			args[k] = stk.Pop()
		}
		nums := make([]float64, 0, len(args))
		for _, a := range args {
			if a.Kind() == pdf.Integer || a.Kind() == pdf.Real {
				nums = append(nums, a.Float64())
			}
		}
		ops = append(ops, op{name, nums})
		switch name {
		case "q":
			gstack = append(gstack, gray)
		case "Q":
			gray, gstack = gstack[len(gstack)-1], gstack[:len(gstack)-1]
		case "g":
			gray = nums[0]
		case "BT":
			x, y = 0, 0
		case "Td", "TD":
			x, y = x+nums[0], y+nums[1]
		case "Tf":
			cur, size = loadFont(args[0].Name()), nums[0]
		case "TJ", "Tj":
			var raw string
			if name == "Tj" {
				raw = args[0].RawString()
			} else {
				for k := 0; k < args[0].Len(); k++ {
					if s := args[0].Index(k); s.Kind() == pdf.String {
						raw += s.RawString()
					}
				}
			}
			rn := run{X: x, Y: y, Font: cur.name, Size: size, Gray: gray, Embedded: cur.embedded}
			var sb strings.Builder
			for k := 0; k+1 < len(raw); k += 2 {
				gid := int(raw[k])<<8 | int(raw[k+1])
				u, ok := cur.uni[gid]
				if !ok {
					t.Errorf("page %d: glyph %d of font %s has no ToUnicode entry", i, gid, cur.name)
				}
				sb.WriteRune(u)
				rn.Width += cur.width[gid] * size / 1000
			}
			rn.Text = sb.String()
			runs = append(runs, rn)
		}
	})
	return runs, ops
}

// baseName strips the subset tag, six capital letters and a plus sign,
// from a BaseFont name. gopdf writes no tag; Render must.
func baseName(t *testing.T, name string) string {
	t.Helper()
	tag, rest, ok := strings.Cut(name, "+")
	if !ok {
		return name
	}
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(tag) {
		t.Errorf("BaseFont %s: subset tag %q is not six capital letters", name, tag)
	}
	return rest
}

func findRun(t *testing.T, runs []run, s string) run {
	t.Helper()
	for _, r := range runs {
		if r.Text == s {
			return r
		}
	}
	var got []string
	for _, r := range runs {
		got = append(got, r.Text)
	}
	t.Fatalf("no text %q on the page; have %q", s, got)
	return run{}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.5 }

func TestPagesAndMediaBox(t *testing.T) {
	r, _ := render(t, sampleDoc())
	if n := r.NumPage(); n != 3 {
		t.Fatalf("NumPage = %d, want 3", n)
	}
	for i, want := range [][4]float64{{0, 0, 612, 792}, {0, 0, 612, 792}, {0, 0, 612, 1008}} {
		box := r.Page(i + 1).V.Key("MediaBox")
		var got [4]float64
		for k := range got {
			got[k] = box.Index(k).Float64()
		}
		if got != want {
			t.Errorf("page %d MediaBox = %v, want %v", i+1, got, want)
		}
	}
	// The empty page still has a content stream (an empty /Contents is
	// not valid PDF).
	if c := r.Page(2).V.Key("Contents"); c.Kind() != pdf.Stream {
		t.Errorf("empty page /Contents is %v, want a stream", c)
	}
}

func TestTextReadsBack(t *testing.T) {
	doc := sampleDoc()
	r, _ := render(t, doc)
	runs, _ := readPage(t, r, 1)
	for _, o := range doc.Pages[0].Ops {
		if o.Kind != drawlist.Text {
			continue
		}
		got := findRun(t, runs, o.Text)
		if !near(got.X, o.X) || !near(got.Y, 792-o.Y) {
			t.Errorf("%q: baseline starts at (%.2f, %.2f), want (%.2f, %.2f)", o.Text, got.X, got.Y, o.X, 792-o.Y)
		}
		if want := family[o.Face]; got.Font != want || got.Size != o.Size {
			t.Errorf("%q: font %s %v pt, want %s %v pt", o.Text, got.Font, got.Size, want, o.Size)
		}
		if got.Gray != o.Gray {
			t.Errorf("%q: fill gray %v, want %v", o.Text, got.Gray, o.Gray)
		}
		// The embedded widths are the ones layout measured with, to the
		// 1/1000 em the PDF writes them in.
		n := float64(len([]rune(o.Text)))
		if want := fonts.Width(o.Face, o.Size, o.Text); math.Abs(want-got.Width) > n*o.Size/1e6 {
			t.Errorf("%q: width %.3f from the PDF, fonts.Width says %.3f", o.Text, got.Width, want)
		}
	}

	// Page 3 is taller: the baseline is measured from its own top edge.
	runs, _ = readPage(t, r, 3)
	got := findRun(t, runs, "Legal page")
	if !near(got.X, 36.25) || !near(got.Y, 1008-50.5) || got.Size != 9.5 {
		t.Errorf("Legal page text at (%.2f, %.2f) %v pt, want (36.25, 957.5) 9.5 pt", got.X, got.Y, got.Size)
	}
}

// TestBaselineIndependentReader checks the Y=100 baseline with rsc.io/pdf's
// own text extraction, which does not rely on the decoder in this file.
func TestBaselineIndependentReader(t *testing.T) {
	doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{
		text(72, 100, fonts.Serif, 12, "Baseline"),
	}}}}
	r, _ := render(t, doc)
	txt := r.Page(1).Content().Text
	if len(txt) == 0 {
		t.Fatal("rsc.io/pdf found no text")
	}
	g := txt[0]
	if !near(g.X, 72) || !near(g.Y, 692) || g.FontSize != 12 || baseName(t, g.Font) != "LiberationSerif" {
		t.Errorf("first glyph at (%.2f, %.2f) in %s %v pt, want (72, 692) in LiberationSerif 12 pt", g.X, g.Y, g.Font, g.FontSize)
	}
}

func TestFontsEmbeddedAndOnlyUsedOnes(t *testing.T) {
	r, _ := render(t, sampleDoc())
	fontsDict := r.Page(1).Resources().Key("Font")
	var names []string
	for _, k := range fontsDict.Keys() {
		f := fontsDict.Key(k)
		names = append(names, baseName(t, f.Key("BaseFont").Name()))
		desc := f.Key("DescendantFonts").Index(0).Key("FontDescriptor")
		if ff := desc.Key("FontFile2"); ff.Kind() != pdf.Stream || ff.Key("Length1").Int64() == 0 {
			t.Errorf("font %s is not embedded: FontFile2 = %v", k, ff)
		}
		if sub := f.Key("Subtype").Name(); sub != "Type0" {
			t.Errorf("font %s subtype %s, want Type0", k, sub)
		}
	}
	want := []string{"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSans"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("fonts = %v, want %v (only the faces used, in face order)", names, want)
	}
}

func TestInfo(t *testing.T) {
	doc := sampleDoc()
	r, _ := render(t, doc)
	info := r.Trailer().Key("Info")
	for key, want := range map[string]string{
		"Title": doc.Title, "Subject": doc.Subject, "Author": doc.Author,
		"Creator": doc.Creator, "Producer": "relief",
	} {
		if got := info.Key(key).Text(); got != want {
			t.Errorf("Info %s = %q, want %q", key, got, want)
		}
	}
	if got := info.Key("CreationDate").RawString(); !strings.HasPrefix(got, "D:20261126000000") {
		t.Errorf("CreationDate = %q, want D:20261126000000…", got)
	}
	if info.Key("ModDate").Kind() != pdf.Null {
		t.Errorf("unexpected ModDate %v", info.Key("ModDate"))
	}

	doc.Created = date.Date{}
	r, _ = render(t, doc)
	if cd := r.Trailer().Key("Info").Key("CreationDate"); cd.Kind() != pdf.Null {
		t.Errorf("zero Created wrote CreationDate %v", cd)
	}
}

func TestOutlines(t *testing.T) {
	doc := sampleDoc()
	r, _ := render(t, doc)
	outlines := r.Trailer().Key("Root").Key("Outlines")
	if n := outlines.Key("Count").Int64(); n != int64(len(doc.Bookmarks)) {
		t.Errorf("/Outlines /Count = %d, want %d", n, len(doc.Bookmarks))
	}
	item := outlines.Key("First")
	for i, b := range doc.Bookmarks {
		if item.IsNull() {
			t.Fatalf("outline has %d entries, want %d", i, len(doc.Bookmarks))
		}
		if got := item.Key("Title").Text(); got != b.Title {
			t.Errorf("outline %d title %q, want %q", i, got, b.Title)
		}
		dest := item.Key("Dest")
		if got, want := dest.Index(0).String(), r.Page(b.Page+1).V.String(); got != want {
			t.Errorf("outline %q points at %s, want page %d %s", b.Title, got, b.Page+1, want)
		}
		// The destination's top is the top edge of that page.
		if top, h := dest.Index(3).Float64(), doc.Pages[b.Page].Height; top != h {
			t.Errorf("outline %q destination top %v, want %v", b.Title, top, h)
		}
		item = item.Key("Next")
	}
	if !item.IsNull() {
		t.Errorf("more outline entries than bookmarks")
	}

	doc.Bookmarks = nil
	r, _ = render(t, doc)
	if o := r.Trailer().Key("Root").Key("Outlines"); o.Kind() != pdf.Null {
		t.Errorf("no bookmarks, yet the catalog has /Outlines %v", o)
	}
}

func TestShapesAndGray(t *testing.T) {
	r, _ := render(t, sampleDoc())
	_, ops := readPage(t, r, 1)
	var got []string
	for _, o := range ops {
		switch o.Name {
		case "g", "G", "w", "re", "m", "l", "S", "f", "B":
			got = append(got, fmt.Sprintf("%s %v", o.Name, o.Args))
		}
	}
	// The line: 0.5 wide, black. The first rect: filled and outlined in
	// 0.8 gray, 1 wide. The second: outlined, 2 wide, black. The third:
	// filled black. Then text in 0.5 gray, then black text again.
	want := []string{
		"w [0.5]", "m [72 662]", "l [540 662]", "S []",
		"G [0.8]", "w [1]", "g [0.8]", "re [72 602 100 50]", "B []",
		"G [0]", "w [2]", "re [300 602 100 50]", "S []",
		"g [0]", "re [300 482 10 10]", "f []",
		"g [0.5]", "g [0]",
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("graphics operators:\n got %s\nwant %s", strings.Join(got, "; "), strings.Join(want, "; "))
	}
}

// TestNoRedundantState checks that a pleading page sets its fill gray,
// line width and font size no more often than they change.
func TestNoRedundantState(t *testing.T) {
	r, _ := render(t, pleading(2))
	for i := 1; i <= 2; i++ {
		_, ops := readPage(t, r, i)
		count := map[string]int{}
		for _, o := range ops {
			count[o.Name]++
		}
		// Black is the default: no g/G at all; the width changes from the
		// default 1 to 0.75 and then to 0.5 for the footer rule.
		if count["g"] != 0 || count["G"] != 0 || count["w"] != 2 {
			t.Errorf("page %d: %d g, %d G, %d w operators, want 0, 0, 2", i, count["g"], count["G"], count["w"])
		}
		if count["Tj"] != 57 || count["Tf"] != 2 {
			t.Errorf("page %d: %d text objects and %d font changes, want 57 and 2", i, count["Tj"], count["Tf"])
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Render(sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Render(sampleDoc())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	// Concurrent renders share the parsed fonts; they must not interfere.
	var wg sync.WaitGroup
	outs := make([][]byte, 8)
	for i := range outs {
		wg.Go(func() {
			if i%2 == 0 {
				outs[i], _ = Render(sampleDoc())
			} else {
				outs[i], _ = Render(pleading(3))
			}
		})
	}
	wg.Wait()
	p, _ := Render(pleading(3))
	for i, o := range outs {
		want := a
		if i%2 == 1 {
			want = p
		}
		if !bytes.Equal(o, want) {
			t.Errorf("concurrent render %d differs", i)
		}
	}
}

func TestWrite(t *testing.T) {
	want, _ := Render(sampleDoc())
	var buf bytes.Buffer
	if err := Write(&buf, sampleDoc()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("Write and Render differ")
	}
	buf.Reset()
	bad := sampleDoc()
	bad.Pages[0].Ops[0].Text = "王"
	if err := Write(&buf, bad); err == nil || buf.Len() != 0 {
		t.Errorf("Write of a bad doc: err %v, wrote %d bytes", err, buf.Len())
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*drawlist.Doc)
		wants []string
	}{
		{"cjk", func(d *drawlist.Doc) {
			d.Pages[2].Ops = append(d.Pages[2].Ops, text(72, 72, fonts.Serif, 12, "王小明"))
		}, []string{`page 3 (op 1): text "王小明": the font serif has no glyph for '王' (U+738B)`}},
		{"nan", func(d *drawlist.Doc) { d.Pages[0].Ops[2].Y2 = math.NaN() }, []string{"page 1 (op 2)", "line", "Y2 is NaN"}},
		{"inf", func(d *drawlist.Doc) { d.Pages[0].Ops[0].X = math.Inf(1) }, []string{"page 1 (op 0)", "X is +Inf"}},
		{"zero size", func(d *drawlist.Doc) { d.Pages[0].Ops[1].Size = 0 }, []string{"page 1 (op 1)", `"José Muñoz"`, "size 0"}},
		{"negative size", func(d *drawlist.Doc) { d.Pages[0].Ops[1].Size = -3 }, []string{"page 1 (op 1)", "size -3"}},
		{"unknown kind", func(d *drawlist.Doc) { d.Pages[2].Ops[0].Kind = 9 }, []string{"page 3 (op 0)", "unknown op kind 9"}},
		{"zero kind", func(d *drawlist.Doc) { d.Pages[0].Ops[3].Kind = 0 }, []string{"page 1 (op 3)", "unknown op kind 0"}},
		{"unknown face", func(d *drawlist.Doc) { d.Pages[0].Ops[0].Face = 42 }, []string{"page 1 (op 0)", "unknown font"}},
		{"control char", func(d *drawlist.Doc) { d.Pages[0].Ops[0].Text = "a\tb" }, []string{"page 1 (op 0)", "U+0009"}},
		{"page size", func(d *drawlist.Doc) { d.Pages[1].Height = 0 }, []string{"page 2", "page size"}},
		{"no pages", func(d *drawlist.Doc) { d.Pages = nil; d.Bookmarks = nil }, []string{"no pages"}},
		{"bookmark range", func(d *drawlist.Doc) { d.Bookmarks[2].Page = 3 }, []string{`bookmark 2 "Proof of Service"`, "page index 3"}},
		{"bookmark order", func(d *drawlist.Doc) { d.Bookmarks[0].Page = 2 }, []string{`bookmark 1 "Exhibit A"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := sampleDoc()
			tt.edit(&doc)
			b, err := Render(doc)
			if err == nil {
				t.Fatalf("no error; %d bytes", len(b))
			}
			if b != nil {
				t.Errorf("returned %d bytes with the error", len(b))
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestDrawsNothing covers the ops documented to draw nothing.
func TestDrawsNothing(t *testing.T) {
	doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{
		text(72, 72, fonts.SansBold, 12, ""),
		{Kind: drawlist.Line, X: 0, Y: 0, X2: 100, Y2: 100},
		{Kind: drawlist.Rect, X: 0, Y: 0, W: 100, H: 100},
	}}}}
	r, _ := render(t, doc)
	if k := r.Page(1).Resources().Key("Font").Keys(); len(k) != 0 {
		t.Errorf("fonts %v registered for empty text", k)
	}
	_, ops := readPage(t, r, 1)
	for _, o := range ops {
		if o.Name != "g" {
			t.Errorf("unexpected operator %v", o)
		}
	}
}

func TestFamilyPerFace(t *testing.T) {
	if len(family) != len(fonts.All()) {
		t.Fatalf("%d family names for %d faces", len(family), len(fonts.All()))
	}
	seen := map[string]bool{}
	for _, f := range fonts.All() {
		n := family[f]
		if n == "" || seen[n] {
			t.Errorf("face %s: family name %q empty or repeated", f, n)
		}
		seen[n] = true
	}
}

func TestAllFacesRender(t *testing.T) {
	doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792}}}
	for i, f := range fonts.All() {
		doc.Pages[0].Ops = append(doc.Pages[0].Ops, text(72, 72+20*float64(i), f, 12, "Hồng Muñoz "+f.String()))
	}
	r, _ := render(t, doc)
	runs, _ := readPage(t, r, 1)
	for i, f := range fonts.All() {
		got := findRun(t, runs, "Hồng Muñoz "+f.String())
		if got.Font != family[f] || !got.Embedded || !near(got.Y, 792-72-20*float64(i)) {
			t.Errorf("face %s: font %s embedded %v y %.2f", f, got.Font, got.Embedded, got.Y)
		}
	}
}

func BenchmarkRender6Pages(b *testing.B) { benchRender(b, Render) }

// benchRender renders a six-page pleading with render and reports pages a
// second and the file's bytes per page.
func benchRender(b *testing.B, render func(drawlist.Doc) ([]byte, error)) {
	doc := pleading(6)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		out, err := render(doc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(b.N*len(doc.Pages))/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(size)/float64(len(doc.Pages)), "bytes/page")
}

func clearFontCache() {
	fontCache.Lock()
	clear(fontCache.m)
	fontCache.Unlock()
}

// TestFontCacheChangesNothing renders a document with a cold cache, with
// a cache full of other subsets, and warm: the bytes must not change.
func TestFontCacheChangesNothing(t *testing.T) {
	clearFontCache()
	cold, err := Render(sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	clearFontCache()
	if _, err := Render(pleading(2)); err != nil {
		t.Fatal(err)
	}
	other, _ := Render(sampleDoc())
	warm, _ := Render(sampleDoc())
	if !bytes.Equal(cold, other) || !bytes.Equal(cold, warm) {
		t.Error("the font cache changed the output")
	}
}

// TestASCIIBaseSet checks that two documents differing only in the base
// set's characters (ASCII names, or Spanish ones) embed the same font
// program when the face draws enough characters to get the base set,
// which is what lets a batch reuse it, that a character outside the set
// changes it, and that a face drawing a few fixed words is not padded
// with it.
func TestASCIIBaseSet(t *testing.T) {
	var stored int64 // the last program's length in the file, compressed
	program := func(s string) []byte {
		doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{text(72, 72, fonts.Serif, 12, s)}}}}
		r, _ := render(t, doc)
		ff := r.Page(1).Resources().Key("Font").Key("F0").Key("DescendantFonts").Index(0).Key("FontDescriptor").Key("FontFile2")
		b, err := io.ReadAll(ff.Reader())
		if err != nil {
			t.Fatal(err)
		}
		stored = ff.Key("Length").Int64()
		return b
	}
	const body = "The petitioner asks the court to dismiss case 12-CR-3456 (Pen. Code, 1203.4): "
	qz, xy := program(body+"Quentin Zamora"), program(body+"Xavier Young")
	base := stored
	if !bytes.Equal(qz, xy) {
		t.Error("two ASCII names embed different subsets")
	}
	if spanish := program(body + "José Muñoz"); !bytes.Equal(qz, spanish) {
		t.Error("é and ñ changed the subset")
	}
	if umlaut := program(body + "Quentin Zamora Müller"); bytes.Equal(qz, umlaut) {
		t.Error("ü did not change the subset")
	}
	if program("FOR COURT USE ONLY"); stored >= base/2 {
		t.Errorf("a few words embed %d bytes of font, the base set %d", stored, base)
	}
}

// TestFontCacheBounded fills the cache past its limit.
func TestFontCacheBounded(t *testing.T) {
	clearFontCache()
	for i := range fontCacheMax + 10 {
		s := string(rune(0x100 + i%0x140))
		doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{
			text(72, 72, fonts.Serif, 12, s), text(72, 96, fonts.Sans, 12, strconv.Itoa(i)+s+string(rune(0x100+i/0x140))),
		}}}}
		if _, err := Render(doc); err != nil {
			t.Fatal(err)
		}
	}
	fontCache.Lock()
	n := len(fontCache.m)
	fontCache.Unlock()
	if n == 0 || n > fontCacheMax {
		t.Errorf("cache holds %d entries, want 1..%d", n, fontCacheMax)
	}
}

// TestEscapedGlyphIDs draws characters whose glyph ids contain the bytes
// a literal string must escape, and reads them back.
func TestEscapedGlyphIDs(t *testing.T) {
	special := map[byte]bool{'(': true, ')': true, '\\': true, '\r': true, '\n': true}
	found := map[byte]bool{}
	var s strings.Builder
	for r := rune(0x21); r < fastRunes; r++ {
		gid, ok := fonts.Serif.GlyphID(r)
		if !ok {
			continue
		}
		for _, b := range []byte{byte(gid >> 8), byte(gid)} {
			if special[b] && !found[b] {
				found[b] = true
				s.WriteRune(r)
			}
		}
	}
	if len(found) != len(special) {
		t.Fatalf("only found glyph ids with bytes %v", found)
	}
	want := "(" + s.String() + ")"
	doc := drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{text(72, 72, fonts.Serif, 12, want)}}}}
	r, _ := render(t, doc)
	runs, _ := readPage(t, r, 1)
	findRun(t, runs, want)
}

// TestToUnicode checks the CMap: every glyph maps to its character;
// ranges are only for runs of Latin-1 characters and never cross a high
// byte of the glyph id; everything else is a bfchar line (Ghostscript 10
// misreads a one-glyph range to a character past U+00FF).
func TestToUnicode(t *testing.T) {
	glyphs := []glyph{
		{0x24, 'A'}, {0x25, 'B'}, {0x26, 'C'}, // a Latin-1 run
		{0xFE, 'a'}, {0xFF, 'b'}, {0x100, 'c'}, {0x101, 'd'}, // crosses a high byte of the id
		{0x200, 0x1FE}, {0x201, 0x1FF}, {0x202, 0x200}, // past Latin-1
		{0x300, 'x'}, {0x301, 'z'}, // not consecutive
		{0x400, '\u2014'}, {0x401, 0x1F600}, // an em dash; past the BMP
	}
	cmap := toUnicode(glyphs)
	got := pdftext.ToUnicode(cmap)
	for _, g := range glyphs {
		if got[int(g.id)] != g.r {
			t.Errorf("glyph %#x maps to %q, want %q", g.id, got[int(g.id)], g.r)
		}
	}
	ranges := regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]{4})>`).FindAllStringSubmatch(string(cmap), -1)
	var spans []string
	for _, m := range ranges {
		spans = append(spans, m[1]+"-"+m[2]+":"+m[3])
	}
	if want := "0024-0026:0041 00FE-00FF:0061 0100-0101:0063"; strings.Join(spans, " ") != want {
		t.Errorf("bfranges %q, want %q", spans, want)
	}
	if !strings.Contains(string(cmap), "<0400> <2014>") || !strings.Contains(string(cmap), "<0401> <D83DDE00>") {
		t.Errorf("bfchar lines missing:\n%s", cmap)
	}
}

// TestFontCacheMakesEachOnce renders the same document from several
// goroutines at once with a cold cache: each font is made once, the
// others wait for it, and every file is the same.
func TestFontCacheMakesEachOnce(t *testing.T) {
	clearFontCache()
	before := fontsMade.Load()
	want, err := Render(sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	perDoc := fontsMade.Load() - before
	if perDoc == 0 {
		t.Fatal("the document made no fonts; the test checks nothing")
	}
	clearFontCache()
	before = fontsMade.Load()
	outs := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			out, err := Render(sampleDoc())
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		})
	}
	wg.Wait()
	if made := fontsMade.Load() - before; made != perDoc {
		t.Errorf("8 renderings at once made %d fonts; one makes %d", made, perDoc)
	}
	for i, out := range outs {
		if !bytes.Equal(out, want) {
			t.Errorf("rendering %d differs from a lone one", i)
		}
	}
}
