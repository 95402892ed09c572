package layout

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The Markdown a template produces is parsed into blocks: a small model of
// what court papers need. Special blocks are fenced code blocks whose info
// string names them, so templates stay plain Markdown:
//
//	```signature         date:, name:, title:, signed: lines
//	```lines [center|right]   literal lines, single spaced
//	```space N           N blank body lines (room to write)
//	```pagebreak
//	~~~keep              the Markdown inside stays on one page (fence it
//	                     with tildes so it can hold ``` blocks)
//	~~~keep courtuse     the same, beside a FOR COURT USE ONLY box on
//	                     form pages (as CR-181 has beside its last items)
type blockKind uint8

const (
	bPara blockKind = iota + 1
	bHeading
	bList
	bTable
	bRule
	bPageBreak
	bLines
	bSignature
	bSpace
	bKeep
)

type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

type run struct {
	text         string
	bold, italic bool
}

type block struct {
	kind     blockKind
	align    align
	header   bool      // table: first row is a header
	courtUse bool      // keep: beside a FOR COURT USE ONLY box (form frames only)
	level    int       // heading level
	n        int       // space: number of lines
	runs     []run     // para, heading
	items    []item    // list
	rows     [][][]run // table: rows of cells
	aligns   []align   // table columns
	lines    []string  // lines
	fields   map[string]string
	inner    []block // keep: the blocks kept together
}

// item is one list item: its label ("2.", "a.", "•"), an optional checkbox
// (-1 none, 0 empty, 1 checked) and its content.
type item struct {
	label  string
	check  int
	blocks []block
}

// md is the Markdown parser, built on first use: building it at start-up
// cost every command, `relief version` included, its time.
var md = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList, extension.Strikethrough))
})

// leadingLabel reads what a list item's text may start with: a label
// ("a.", "12)", "(iv)": one or two lower-case letters or digits, then a
// full stop or a closing parenthesis, or the same in parentheses), white
// space, a checkbox ("[ ]", "[x]" or "[X]") and white space, each part
// optional. It returns the label ("" for none), the checkbox (-1 none, 0
// empty, 1 checked) and the length of all of it. It is the regular
// expression
//
//	^((?:[a-z]{1,2}|[0-9]{1,2})[.)]|\((?:[a-z]{1,2}|[0-9]{1,2})\))?\s*(?:\[([ xX])\]\s*)?
//
// written out by hand: compiling and running that cost a cold relief
// draft more than the rest of reading the list items.
func leadingLabel(s string) (label string, check, n int) {
	n = labelLen(s)
	label = s[:n]
	n += spaceLen(s[n:])
	check = -1
	if len(s) >= n+3 && s[n] == '[' && s[n+2] == ']' {
		switch s[n+1] {
		case ' ':
			check = 0
		case 'x', 'X':
			check = 1
		}
		if check >= 0 {
			n += 3
			n += spaceLen(s[n:])
		}
	}
	return label, check, n
}

// labelLen returns the length of the label at the start of s, 0 when
// there is none (see leadingLabel).
func labelLen(s string) int {
	open := len(s) > 0 && s[0] == '('
	i := 0
	if open {
		i = 1
	}
	// One or two characters of one class: letters or digits.
	j := i
	for j < len(s) && j < i+2 && labelClass(s[j]) != 0 && labelClass(s[j]) == labelClass(s[i]) {
		j++
	}
	switch {
	case j == i || j == len(s):
		return 0
	case open && s[j] == ')':
		return j + 1
	case !open && (s[j] == '.' || s[j] == ')'):
		return j + 1
	}
	return 0
}

// labelClass is 1 for a lower-case ASCII letter, 2 for a digit, else 0.
func labelClass(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return 1
	case '0' <= c && c <= '9':
		return 2
	}
	return 0
}

// spaceLen returns the length of the white space (\s in a regular
// expression: tab, newline, form feed, carriage return, space) at the
// start of s.
func spaceLen(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// parseMarkdown parses src into blocks.
func parseMarkdown(src []byte) ([]block, error) {
	doc := md().Parser().Parse(text.NewReader(src))
	p := mdParser{src: src}
	blocks, err := p.blocks(doc)
	inlineBoxes(blocks)
	return blocks, err
}

// Inline checkboxes. A "[ ]" or "[x]" written in running text (not at the
// start of a list item, where the item draws its box) is drawn as a box:
// the text carries a stand-in of real space glyphs, measured like any
// text, and emitAt draws the box in its place. Brackets escaped in the
// source (user text: "\[ \]") stay brackets; they travel as the private
// runes escOpen and escClose until then.
const (
	boxEmpty   = "\u2003\u200a" // em space + hair space
	boxChecked = "\u2003\u2005" // em space + four-per-em space
	escOpen    = '\ue010'
	escClose   = '\ue011'
	escLead    = 0xee // the first byte of escOpen and escClose in UTF-8
)

var boxReplacer = strings.NewReplacer("[ ]", boxEmpty, "[x]", boxChecked, "[X]", boxChecked,
	string(escOpen), "[", string(escClose), "]")

func inlineBoxes(bs []block) {
	fix := func(runs []run) {
		for i := range runs {
			// '[' or the first byte of escOpen and escClose in UTF-8:
			// strings.ContainsAny with non-ASCII runes decodes every rune
			// of every run, and took a tenth of the time of layout.
			if t := runs[i].text; strings.IndexByte(t, '[') >= 0 || strings.IndexByte(t, escLead) >= 0 {
				runs[i].text = boxReplacer.Replace(runs[i].text)
			}
		}
	}
	for i := range bs {
		b := &bs[i]
		fix(b.runs)
		for _, row := range b.rows {
			for _, cell := range row {
				fix(cell)
			}
		}
		for k := range b.items {
			inlineBoxes(b.items[k].blocks)
		}
		inlineBoxes(b.inner)
	}
}

type mdParser struct {
	src []byte
	buf []byte // the text of the run inlines is gathering
}

// lineOf returns the 1-based source line where n starts, for messages.
func (p *mdParser) lineOf(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return p.lineAt(c.Lines().At(0).Start)
		}
		if t, ok := c.(*ast.Text); ok {
			return p.lineAt(t.Segment.Start)
		}
	}
	return 0
}

// lineAt returns the 1-based line of byte offset off in the source. Only
// messages and fenced blocks ask, a few times a document, so it counts
// rather than keeping an index.
func (p *mdParser) lineAt(off int) int {
	return 1 + bytes.Count(p.src[:min(off, len(p.src))], []byte{'\n'})
}

// blocks returns the blocks of parent's children in one slice, sized for
// them (a blockquote's children come in its place and may grow it).
func (p *mdParser) blocks(parent ast.Node) ([]block, error) {
	var out []block
	if n := parent.ChildCount(); n > 0 {
		out = make([]block, 0, n)
	}
	return p.appendBlocks(out, parent)
}

func (p *mdParser) appendBlocks(out []block, parent ast.Node) ([]block, error) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		var err error
		if out, err = p.appendBlock(out, n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendBlock appends the block n makes to out.
func (p *mdParser) appendBlock(out []block, n ast.Node) ([]block, error) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return append(out, block{kind: bPara, runs: p.inlines(n, false, false)}), nil
	case *ast.Heading:
		b := block{kind: bHeading, level: n.Level, runs: p.inlines(n, true, false)}
		if n.Level == 1 {
			b.align = alignCenter
		}
		return append(out, b), nil
	case *ast.ThematicBreak:
		return append(out, block{kind: bRule}), nil
	case *ast.List:
		return append(out, p.list(n)), nil
	case *east.Table:
		return append(out, p.table(n)), nil
	case *ast.FencedCodeBlock:
		b, err := p.fenced(n)
		if err != nil {
			return nil, err
		}
		return append(out, b), nil
	case *ast.Blockquote:
		return p.appendBlocks(out, n)
	case *ast.CodeBlock, *ast.HTMLBlock:
		return append(out, block{kind: bLines, lines: p.rawLines(n)}), nil
	default:
		return nil, fmt.Errorf("line %d: unsupported Markdown element %s", p.lineOf(n), n.Kind())
	}
}

func (p *mdParser) rawLines(n ast.Node) []string {
	out := make([]string, 0, n.Lines().Len())
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		out = append(out, string(bytes.TrimRight(s.Value(p.src), "\r\n")))
	}
	return out
}

func (p *mdParser) list(n *ast.List) block {
	b := block{kind: bList, items: make([]item, 0, n.ChildCount())}
	num := n.Start
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		it := item{label: "•", check: -1}
		if n.IsOrdered() {
			it.label = strconv.Itoa(num) + "."
			num++
		}
		blocks, _ := p.blocks(c)
		// A checkbox from the task-list extension, or a label and
		// checkbox written at the start of the item's text.
		if len(blocks) > 0 && blocks[0].kind == bPara {
			first := &blocks[0]
			if tb, ok := firstTaskBox(c); ok {
				it.check = tb
			}
			if len(first.runs) > 0 {
				r := &first.runs[0]
				if label, check, k := leadingLabel(r.text); k > 0 {
					if label != "" {
						if n.IsOrdered() {
							it.label += " " + label
						} else {
							it.label = label
						}
					}
					if check >= 0 && it.check < 0 {
						it.check = check
					}
					r.text = r.text[k:]
				}
			}
		}
		it.blocks = blocks
		b.items = append(b.items, it)
	}
	return b
}

func firstTaskBox(li ast.Node) (int, bool) {
	para := li.FirstChild()
	if para == nil {
		return 0, false
	}
	if tb, ok := para.FirstChild().(*east.TaskCheckBox); ok {
		if tb.IsChecked {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func (p *mdParser) table(n *east.Table) block {
	// Every slice is made at its final size: appending from nothing
	// allocates about twice what it keeps.
	b := block{kind: bTable, aligns: make([]align, 0, len(n.Alignments)), rows: make([][][]run, 0, n.ChildCount())}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignCenter:
			b.aligns = append(b.aligns, alignCenter)
		case east.AlignRight:
			b.aligns = append(b.aligns, alignRight)
		default:
			b.aligns = append(b.aligns, alignLeft)
		}
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row := make([][]run, 0, r.ChildCount())
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			_, isHeader := r.(*east.TableHeader)
			row = append(row, p.inlines(c, isHeader, false))
		}
		if _, ok := r.(*east.TableHeader); ok {
			b.header = true
		}
		b.rows = append(b.rows, row)
	}
	return b
}

func (p *mdParser) fenced(n *ast.FencedCodeBlock) (block, error) {
	line := p.lineOf(n) // for messages
	info := ""
	if n.Info != nil {
		info = strings.TrimSpace(string(n.Info.Segment.Value(p.src)))
	}
	word, arg, _ := strings.Cut(info, " ")
	arg = strings.TrimSpace(arg)
	lines := p.rawLines(n)
	switch word {
	case "pagebreak":
		return block{kind: bPageBreak}, nil
	case "space":
		k, err := strconv.Atoi(arg)
		if err != nil || k < 1 || k > 40 {
			return block{}, fmt.Errorf("line %d: ```space needs a number of lines from 1 to 40, not %q", line, arg)
		}
		return block{kind: bSpace, n: k}, nil
	case "lines":
		b := block{kind: bLines, lines: lines}
		switch arg {
		case "", "left":
		case "center":
			b.align = alignCenter
		case "right":
			b.align = alignRight
		default:
			return block{}, fmt.Errorf("line %d: ```lines takes left, center or right, not %q", line, arg)
		}
		return b, nil
	case "signature":
		b := block{kind: bSignature, fields: map[string]string{}}
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			k, v, ok := strings.Cut(l, ":")
			k = strings.TrimSpace(k)
			switch {
			case !ok:
				return block{}, fmt.Errorf("line %d: signature lines are \"key: value\", not %q", line+1+i, l)
			case k != "date" && k != "name" && k != "title" && k != "signed":
				return block{}, fmt.Errorf("line %d: signature key %q is not one of date, name, title, signed", line+1+i, k)
			}
			b.fields[k] = strings.TrimSpace(v)
		}
		return b, nil
	case "keep":
		if arg != "" && arg != "courtuse" {
			return block{}, fmt.Errorf("line %d: ~~~keep takes nothing or courtuse, not %q", line, arg)
		}
		inner, err := parseMarkdown([]byte(strings.Join(lines, "\n") + "\n"))
		if err != nil {
			return block{}, fmt.Errorf("inside the keep block that starts on line %d: %v", line, err)
		}
		return block{kind: bKeep, inner: inner, courtUse: arg == "courtuse"}, nil
	case "":
		return block{kind: bLines, lines: lines}, nil
	default:
		return block{}, fmt.Errorf("line %d: unknown special block ```%s (known: signature, lines, space, pagebreak, keep)", line, word)
	}
}

// inlines flattens the inline content of n into styled runs. The text of
// the run being gathered grows in p.buf, which every call reuses, and
// becomes the run's string once, when the style changes or n ends: one
// allocation per run instead of one per piece of text added to it.
func (p *mdParser) inlines(n ast.Node, bold, italic bool) []run {
	var out []run
	p.buf = p.buf[:0]
	var curBold, curItalic bool // the style of the text in p.buf
	flush := func() {
		if len(p.buf) > 0 {
			out = append(out, run{text: string(p.buf), bold: curBold, italic: curItalic})
			p.buf = p.buf[:0]
		}
	}
	add := func(s []byte, bold, italic bool) {
		if len(s) == 0 {
			return
		}
		if bold != curBold || italic != curItalic {
			flush()
			curBold, curItalic = bold, italic
		}
		p.buf = append(p.buf, s...)
	}
	var walk func(n ast.Node, bold, italic bool)
	walk = func(n ast.Node, bold, italic bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				raw := c.Segment.Value(p.src)
				if bytes.Contains(raw, []byte(`\[`)) || bytes.Contains(raw, []byte(`\]`)) {
					raw = bytes.ReplaceAll(raw, []byte(`\[`), []byte(string(escOpen)))
					raw = bytes.ReplaceAll(raw, []byte(`\]`), []byte(string(escClose)))
				}
				add(unescape(raw), bold, italic)
				switch {
				case c.HardLineBreak():
					add([]byte{'\n'}, bold, italic)
				case c.SoftLineBreak():
					add([]byte{' '}, bold, italic)
				}
			case *ast.String:
				add(c.Value, bold, italic)
			case *ast.Emphasis:
				if c.Level >= 2 {
					walk(c, true, italic)
				} else {
					walk(c, bold, true)
				}
			case *ast.CodeSpan:
				walk(c, bold, italic)
			case *ast.RawHTML:
				for i := 0; i < c.Segments.Len(); i++ {
					s := c.Segments.At(i)
					add(s.Value(p.src), bold, italic)
				}
			case *east.TaskCheckBox:
				// Drawn by the list item.
			default:
				walk(c, bold, italic)
			}
		}
	}
	walk(n, bold, italic)
	flush()
	return out
}

// unescape resolves backslash escapes and character references in b. Most
// text has neither, and goes through without a copy.
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	if bytes.IndexByte(b, '&') >= 0 {
		b = util.ResolveNumericReferences(b)
		b = util.ResolveEntityNames(b)
	}
	return b
}
