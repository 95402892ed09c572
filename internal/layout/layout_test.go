package layout

import (
	"fmt"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/reliefkit/relief/forms"
)

func frameFS() fs.FS { return forms.FS }

func frames(t testing.TB) Frames {
	t.Helper()
	fr, err := LoadFrames(forms.FS)
	if err != nil {
		t.Fatal(err)
	}
	return fr
}

const sample = `## Items

1. [x] **Conviction data.** The petitioner was convicted on March 3, 2019 of the offenses below.

   | Code | Section | Type | 17(b) | 17(d)(2) |
   |---|---|---|:-:|:-:|
   | PC | 459 | Felony | Yes | No |
   | VC | 23152(b) | Misdemeanor | No | No |

2. [ ] Felony or misdemeanor with probation granted (Pen. Code, § 1203.4):

   - a. [x] fulfilled the conditions of probation for the entire period;
   - b. [ ] was discharged from probation early;

A paragraph with *emphasis*, **strong text** and an escaped \*star\*.

` + "```signature\ndate: November 26, 2026\nname: JANE Q. DOE\ntitle: Petitioner\nsigned: /s/ Jane Q. Doe\n```\n"

func sampleDoc(frame string) Document {
	return Document{
		Source: "test.md.tmpl", Frame: frame, Title: "Petition for Dismissal", Form: "CR-180",
		Revision: "January 1, 2019", Cites: "Pen. Code, §§ 17(b), 1203.4",
		Body: []byte(sample),
		Caption: Caption{
			Filer:     []string{"JANE Q. DOE", "123 Main Street", "Fresno, CA 93721", "In pro per"},
			Court:     []string{"SUPERIOR COURT OF CALIFORNIA", "COUNTY OF FRESNO"},
			Parties:   []string{"PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", "JANE Q. DOE,", "Defendant."},
			Defendant: "JANE Q. DOE", DOB: "01/02/1980", CaseNumber: "F19-001234",
		},
	}
}

func TestLayoutForm(t *testing.T) {
	pages, marks, err := Pages([]Document{sampleDoc("jcform")}, frames(t), Options{Draft: "DRAFT — for attorney review"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(marks) != 1 || marks[0].Page != 0 {
		t.Fatalf("pages %d, bookmarks %+v", len(pages), marks)
	}
	got := PlainText(pages)
	for _, want := range []string{
		"DRAFT — for attorney review",
		"DEFENDANT: JANE Q. DOE DATE OF BIRTH: 01/02/1980",
		"F19-001234",
		"1. ☒ Conviction data. The petitioner was convicted",
		"PC 459 Felony Yes No",
		"2. ☐ Felony or misdemeanor with probation granted",
		"a. ☒ fulfilled the conditions",
		"b. ☐ was discharged",
		"an escaped *star*.",
		"Page 1 of 1",
		"JANE Q. DOE ► /s/ Jane Q. Doe",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("form text lacks %q:\n%s", want, got)
		}
	}
}

func TestLayoutPleadingLinesAlign(t *testing.T) {
	d := sampleDoc("pleading")
	d.Body = []byte(strings.Repeat("The petitioner asks the court to grant relief under the statute. ", 120))
	pages, _, err := Pages([]Document{d}, frames(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("want the long paragraph to run onto a second page, got %d", len(pages))
	}
	f := frames(t)["pleading"]
	numbers := map[float64]bool{}
	for _, op := range pages[1].Ops {
		if op.Kind == drawlist.Text && op.X < f.Left-10 {
			numbers[op.Y] = true
		}
	}
	if len(numbers) != 28 {
		t.Fatalf("page 2 has %d line numbers, want 28", len(numbers))
	}
	// Every body line on later pages sits beside a line number, inside the
	// text column.
	for _, pg := range pages[1:] {
		for _, op := range pg.Ops {
			if op.Kind != drawlist.Text || op.X < f.Left-10 || op.Y > f.Bottom+1 {
				continue
			}
			if op.X+1e-6 < f.Left || op.X > f.Right {
				t.Errorf("text %q starts at x=%.1f outside the column", op.Text, op.X)
			}
			if !numbers[op.Y] {
				t.Errorf("body text %q at y=%.1f is not on a numbered line", op.Text, op.Y)
			}
		}
	}
}

func TestLayoutErrors(t *testing.T) {
	for _, tc := range []struct {
		name, frame, body, want string
	}{
		{"unknown frame", "nope", "x", `frame "nope" is not one of`},
		{"unknown block", "jcform", "```stamp\nx\n```\n", "unknown special block ```stamp"},
		{"bad space", "jcform", "```space lots\n```\n", "```space needs a number"},
		{"bad signature key", "jcform", "```signature\nwitness: Bob\n```\n", `signature key "witness"`},
		{"glyph", "jcform", "王小明", `cannot print '王' (U+738B)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sampleDoc(tc.frame)
			d.Body = []byte(tc.body)
			_, _, err := Pages([]Document{d}, frames(t), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "test.md.tmpl: ") {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestWrapWidths(t *testing.T) {
	lines := wrap([]run{{text: strings.Repeat("word ", 50)}}, 0, 12, 200, 200)
	for i, l := range lines {
		if l.width > 200 {
			t.Errorf("line %d is %.1f wide, over 200", i, l.width)
		}
	}
	if len(lines) < 5 {
		t.Errorf("got %d lines", len(lines))
	}
	long := wrap([]run{{text: strings.Repeat("x", 200)}}, 0, 12, 100, 100)
	if len(long) < 2 || long[0].width > 100 {
		t.Errorf("an unbreakable word was not cut: %d lines, first %.1f wide", len(long), long[0].width)
	}
}

func TestKeepMovesToTheNextPage(t *testing.T) {
	para := "A line of body text that fills the page.\n\n"
	decl := "I declare under penalty of perjury that the foregoing is true.\n\n```signature\ndate:\nname: A\n```\n"
	d := sampleDoc("pleading")
	// Find a length of filler after which, without keep, the sentence
	// stays at the foot of one page and its signature goes to the next.
	n := 0
	for k := 20; k < 80 && n == 0; k++ {
		d.Body = []byte(strings.Repeat(para, k) + decl)
		pages, _, err := Pages([]Document{d}, frames(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(PlainText(pages[len(pages)-1:]), "I declare") {
			n = k
		}
	}
	if n == 0 {
		t.Fatal("no filler length separates the sentence from its signature")
	}
	d.Body = []byte(strings.Repeat(para, n) + "~~~keep\n" + decl + "~~~\n")
	pages, _, err := Pages([]Document{d}, frames(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	last := PlainText(pages[len(pages)-1:])
	if !strings.Contains(last, "I declare under penalty of perjury") || !strings.Contains(last, "(TYPE OR PRINT NAME)") {
		t.Errorf("with %d filler paragraphs the declaration and its signature are not together on the last page:\n%s", n, last)
	}
}

// TestCaptionFixedBoxes measures the form caption's fixed boxes: a label
// never touches its value, a 60-character name wraps inside its box
// instead of running over DATE OF BIRTH, and a case number too long for
// its box is refused by name.
func TestCaptionFixedBoxes(t *testing.T) {
	doc := sampleDoc("jcform")
	doc.Caption.Defendant = strings.ToUpper("Maria Guadalupe Hernandez de la Cruz Villanueva-Santamaria Jr")
	pages, _, err := Pages([]Document{doc}, frames(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dob drawlist.Op
	for _, op := range pages[0].Ops {
		if op.Kind == drawlist.Text && op.Text == "DATE OF BIRTH:" {
			dob = op
		}
	}
	for _, op := range pages[0].Ops {
		if op.Kind != drawlist.Text || op.Y < 205 || op.Y > 225 || op.X >= dob.X {
			continue
		}
		if end := op.X + fonts.Width(op.Face, op.Size, op.Text); end > dob.X-4 {
			t.Errorf("%q ends at %.1f, over DATE OF BIRTH at %.1f", op.Text, end, dob.X)
		}
	}
	got := PlainText(pages)
	if !strings.Contains(got, "DEFENDANT: ") || !strings.Contains(got, "DATE OF BIRTH: 01/02/1980") {
		t.Errorf("labels touch their values:\n%s", got)
	}
	doc = sampleDoc("jcform")
	doc.Caption.CaseNumber = strings.Repeat("CR-2019-0001234-", 6)
	if _, _, err := Pages([]Document{doc}, frames(t), Options{}); err == nil || !strings.Contains(err.Error(), "cases.case_number") {
		t.Errorf("a case number too long for its box: err = %v, want one naming cases.case_number", err)
	}
}

// TestNoBreakAfterSectionSignOrInDates keeps "§ 1203.4" and "June 1, 2015"
// on one line.
func TestNoBreakAfterSectionSignOrInDates(t *testing.T) {
	for _, tc := range []struct {
		word string
		next byte
		want bool
	}{
		{"§", '1', true}, {"§§", '1', true}, {"June", '1', true}, {"June 1,", '2', true},
		{"June", 'x', false}, {"June 1", '2', false}, {"Code,", '1', false}, {"May 123,", '2', false},
	} {
		if got := glued(tc.word, tc.next); got != tc.want {
			t.Errorf("glued(%q, %q) = %v, want %v", tc.word, tc.next, got, tc.want)
		}
	}
}

// TestNoWidowsOrOrphans: a two-line paragraph that would start on the
// last line of a page moves whole to the next page, and a list never
// leaves its last item alone at the top of a page.
func TestNoWidowsOrOrphans(t *testing.T) {
	long := strings.Repeat("This sentence fills the numbered line of pleading paper. ", 3)
	for _, tc := range []struct{ name, tail string }{
		{"paragraph", long + "\n"},
		{"list", "- [ ] one\n- [ ] two\n- [ ] three\n"},
	} {
		var body strings.Builder
		body.WriteString("```pagebreak\n```\n\n")
		// The paragraph would start on line 28 of page 2; the list's
		// second item would take line 28 and leave the third alone.
		fill := 27
		if tc.name == "list" {
			fill = 26
		}
		for i := range fill {
			fmt.Fprintf(&body, "Filler %d.\n\n", i)
		}
		body.WriteString(tc.tail)
		doc := sampleDoc("pleading")
		doc.Body = []byte(body.String())
		pages, _, err := Pages([]Document{doc}, frames(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		last := PlainText(pages[len(pages)-1:])
		prev := PlainText(pages[len(pages)-2 : len(pages)-1])
		switch tc.name {
		case "paragraph":
			if strings.Contains(prev, "This sentence") {
				t.Errorf("paragraph: its first line stays alone at the foot of page %d:\n%s", len(pages)-1, prev)
			}
		case "list":
			if strings.Contains(prev, "two") || !strings.Contains(last, "two") {
				t.Errorf("list: the last item is alone on the last page:\n%s", last)
			}
		}
	}
}

// TestAttachmentContinues: an MC-025-style attachment has the short
// caption naming it on its first page, no second full caption, and page
// numbers that continue the document it is attached to.
func TestAttachmentContinues(t *testing.T) {
	main := sampleDoc("jcform")
	att := sampleDoc("jcform")
	att.Title, att.Form, att.Attachment = "Attachment 1", "MC-025", "1"
	att.Body = []byte("More rows.\n")
	pages, marks, err := Pages([]Document{main, att}, frames(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || len(marks) != 2 || marks[1].Page != 1 {
		t.Fatalf("pages %d, bookmarks %+v; want the attachment on page 2", len(pages), marks)
	}
	got := PlainText(pages[1:])
	for _, want := range []string{"ATTACHMENT 1", "CASE NUMBER:", "F19-001234", "Page 2 of 2"} {
		if !strings.Contains(got, want) {
			t.Errorf("attachment page lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "ATTORNEY OR PARTY WITHOUT ATTORNEY") {
		t.Errorf("attachment page repeats the full caption:\n%s", got)
	}
	if first := PlainText(pages[:1]); !strings.Contains(first, "Page 1 of 2") {
		t.Errorf("the petition's page does not count the attachment:\n%s", first)
	}
}

// TestInlineBoxes draws "[ ]" and "[x]" in running text as checkboxes
// that read back as ☐ and ☒, while escaped brackets (user text) stay
// brackets.
func TestInlineBoxes(t *testing.T) {
	doc := sampleDoc("jcform")
	doc.Body = []byte("Interpreter needed: [ ] no [x] yes. The client wrote \\[x\\] here.\n\n| Method | |\n|---|---|\n| [x] mail | [ ] hand |\n")
	pages, _, err := Pages([]Document{doc}, frames(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := PlainText(pages)
	for _, want := range []string{"Interpreter needed: ☐ no ☒ yes. The client wrote [x] here.", "☒ mail ☐ hand"} {
		if !strings.Contains(got, want) {
			t.Errorf("page text lacks %q:\n%s", want, got)
		}
	}
	boxes := 0
	for _, op := range pages[0].Ops {
		if op.Kind == drawlist.Rect && op.W < 12 && op.W == op.H {
			boxes++
		}
	}
	if boxes != 4 {
		t.Errorf("%d drawn boxes, want 4", boxes)
	}
}

// TestGluedWordTooWide: a date kept together that is wider than its
// column breaks at a space, never inside a number.
func TestGluedWordTooWide(t *testing.T) {
	w := fonts.Width(fonts.Serif, 12, "March 1,") + 2
	var got []string
	for _, ln := range wrap([]run{{text: "March 1, 2010"}}, fonts.Serif, 12, w, w) {
		got = append(got, spansText(ln))
	}
	if strings.Join(got, "|") != "March 1,|2010" {
		t.Errorf("lines %q, want March 1, | 2010", got)
	}
}

// TestCourtUseBox: "~~~keep courtuse" sets its text beside a FOR COURT
// USE ONLY box on form pages, and not on pleading paper.
func TestCourtUseBox(t *testing.T) {
	for _, frame := range []string{"jcform", "pleading"} {
		doc := sampleDoc(frame)
		doc.Body = []byte("~~~keep courtuse\nThe court orders relief as stated above, and this sentence is long enough to wrap before the box.\n~~~\n")
		pages, _, err := Pages([]Document{doc}, frames(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := PlainText(pages)
		if has := strings.Count(got, "FOR COURT USE ONLY"); (frame == "jcform") != (has == 2) {
			t.Errorf("%s: FOR COURT USE ONLY appears %d times:\n%s", frame, has, got)
		}
		if frame != "jcform" {
			continue
		}
		for _, op := range pages[0].Ops {
			if op.Kind == drawlist.Text && strings.HasPrefix(op.Text, "The court orders") {
				if end := op.X + fonts.Width(op.Face, op.Size, op.Text); end > 576-courtUseW {
					t.Errorf("the kept text runs to %.1f, into the box at %.1f", end, 576-courtUseW)
				}
			}
		}
	}
	if _, err := parseMarkdown([]byte("~~~keep sideways\nx\n~~~\n")); err == nil || !strings.Contains(err.Error(), "courtuse") {
		t.Errorf("~~~keep sideways: err = %v", err)
	}
}

// TestLineBufReuse: a lineBuf that wraps paragraph after paragraph, as a
// pager's does, gives each the lines a fresh one gives it, whatever the
// paragraph before left in it (longer lines, more spans, cut words).
func TestLineBufReuse(t *testing.T) {
	paras := [][]run{
		{{text: strings.Repeat("a long paragraph of words ", 20)}},
		{{text: "Pen. Code, "}, {text: "§ 1203.4", bold: true}, {text: " and\nbold"}, {text: "face", bold: true}, {text: "  two  spaces "}},
		{{text: strings.Repeat("x", 120) + " tail"}},
		{{text: "March 1, 2010 to June 30, 2015"}},
		{{text: "short"}},
		{},
		{{text: "\n\nafter two breaks"}, {text: " italic words", italic: true}},
	}
	shown := func(lines []textLine) string {
		var b strings.Builder
		for _, ln := range lines {
			fmt.Fprintf(&b, "%.3f:", ln.width)
			for _, s := range ln.spans {
				fmt.Fprintf(&b, " [%.3f %v %q %d]", s.x, s.face, s.text(), s.units)
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	var lb lineBuf
	for round := range 2 {
		for i, runs := range paras {
			want := shown(wrap(runs, fonts.Serif, 12, 150, 180))
			if got := shown(lb.wrap(runs, fonts.Serif, 12, 150, 180)); got != want {
				t.Errorf("round %d, paragraph %d: reused buffer gives\n%s\nfresh one\n%s", round, i, got, want)
			}
		}
	}
}

// TestPagesOpsAreTheirOwn: the pages' Ops share chunks of memory
// (opArena), yet an op appended to one page, as draft does to mark an
// exhibit, never shows on another, and a measured keep block draws
// nothing.
func TestPagesOpsAreTheirOwn(t *testing.T) {
	d := sampleDoc("pleading")
	d.Body = []byte(strings.Repeat("A line of body text that fills the page.\n\n", 60) + "~~~keep\nKept together.\n~~~\n")
	att := sampleDoc("jcform")
	att.Attachment = "1"
	pages, _, err := Pages([]Document{d, att, sampleDoc("letter")}, frames(t), Options{Draft: "DRAFT"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 4 {
		t.Fatalf("got %d pages, want at least 4", len(pages))
	}
	before := make([]string, len(pages))
	for i := range pages {
		before[i] = fmt.Sprint(pages[i].Ops)
	}
	for i := range pages {
		for k := range 10 {
			pages[i].Ops = append(pages[i].Ops, drawlist.Op{Kind: drawlist.Text, Text: fmt.Sprintf("mark %d.%d", i, k)})
		}
	}
	for i := range pages {
		ops := pages[i].Ops
		if got := fmt.Sprint(ops[:len(ops)-10]); got != before[i] {
			t.Errorf("page %d changed when marks were added to the pages:\n%s\nwas\n%s", i+1, got, before[i])
		}
	}
	if text := PlainText(pages); strings.Count(text, "Kept together.") != 1 {
		t.Errorf("the keep block is drawn %d times, want once", strings.Count(text, "Kept together."))
	}
}

// TestLeadingLabel checks leadingLabel against the regular expression it
// spells out, on every string of up to five characters from an alphabet
// of the characters that matter, and on the labels templates write.
func TestLeadingLabel(t *testing.T) {
	re := regexp.MustCompile(`^((?:[a-z]{1,2}|[0-9]{1,2})[.)]|\((?:[a-z]{1,2}|[0-9]{1,2})\))?\s*(?:\[([ xX])\]\s*)?`)
	check := func(s string) {
		m := re.FindStringSubmatchIndex(s)
		wantLabel, wantCheck := "", -1
		if m[2] >= 0 {
			wantLabel = s[m[2]:m[3]]
		}
		if m[4] >= 0 {
			wantCheck = 0
			if s[m[4]:m[5]] != " " {
				wantCheck = 1
			}
		}
		label, check, n := leadingLabel(s)
		if label != wantLabel || check != wantCheck || n != m[1] {
			t.Fatalf("leadingLabel(%q) = %q, %d, %d; the expression gives %q, %d, %d", s, label, check, n, wantLabel, wantCheck, m[1])
		}
	}
	for _, s := range []string{"", "a. [x] text", "(1) [ ] has attached", "ab) x", "abc. x", "12. [X]\tdone",
		"(iv) x", "(ab)", "1a. x", "[x]", "[y] x", " \f\r\n[ ] x", "a.[x]x", "Z. x", "(1 ) x", "99) ok", "100. no"} {
		check(s)
	}
	alphabet := "ab1(). [x]X\t\n"
	var walk func(prefix string)
	walk = func(prefix string) {
		check(prefix)
		if len(prefix) == 5 {
			return
		}
		for i := range len(alphabet) {
			walk(prefix + alphabet[i:i+1])
		}
	}
	walk("")
}
