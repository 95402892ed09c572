package tmpl

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"
)

// Limits that keep a template with a mistake in it from running away.
// MaxOutput and Timeout in Options are the others.
const (
	maxCount      = 10_000    // items one function call may make; iterations of one range over a number
	maxIterations = 1_000_000 // iterations of all ranges in one rendering together
	maxNesting    = 100       // depth of lists within lists a function may return
	spendFactor   = 64        // all function results of one rendering together: spendFactor × MaxOutput
	maxDepth      = 100       // {{template}} calls within one another
)

// errTimeout stops a rendering that has passed its deadline; Render turns
// it into the message about the time limit.
var errTimeout = errors.New("time limit reached")

// errOutput stops a rendering whose output has passed MaxOutput.
var errOutput = errors.New("output limit reached")

// run is the state of one rendering: its limits and what it has used so
// far. Only the goroutine executing the template changes it, once start
// has readied it. A run is reused, one rendering after another, by the
// instance of a template whose functions it guards (see instance).
type run struct {
	deadline time.Time // zero: no time limit
	max      int       // Options.MaxOutput
	maxValue int       // largest value a function may return: MaxOutput, at least 1 MiB
	iters    int       // range iterations so far
	spent    int       // estimated bytes of all function results so far
	depth    int       // {{template}} calls under way (see enter and leave)
}

// start readies r for a rendering with output limit maxOutput (> 0) that
// must end by deadline, forgetting what an earlier one used.
func (r *run) start(maxOutput int, deadline time.Time) {
	*r = run{deadline: deadline, max: maxOutput, maxValue: max(maxOutput, defaultMaxOutput)}
}

// check returns errTimeout once the deadline has passed.
func (r *run) check() error {
	if !r.deadline.IsZero() && time.Now().After(r.deadline) {
		return errTimeout
	}
	return nil
}

// output collects the rendered text, refusing writes past the output limit
// or the deadline, so that loops that write stop promptly.
type output struct {
	r   *run
	buf bytes.Buffer
}

func (w *output) Write(p []byte) (int, error) {
	if err := w.r.check(); err != nil {
		return 0, err
	}
	if w.buf.Len()+len(p) > w.r.max {
		return 0, errOutput
	}
	return w.buf.Write(p)
}

var errorType = reflect.TypeFor[error]()

// guard wraps a template function: each call first checks the deadline,
// and what the function returns is measured against maxValue (for one
// value) and against spendFactor times it (for all values of the rendering
// together). Repeated doubling of a string or list, or a dict
// that contains itself, therefore stops with a clear message instead of
// exhausting memory. The wrapper takes the same arguments, so text/template
// converts them exactly as before; it always returns an error as well.
func (r *run) guard(fn any) any {
	v := reflect.ValueOf(fn)
	w := wrapperOf(v.Type())
	fail := func(err error) []reflect.Value {
		return []reflect.Value{w.zero, reflect.ValueOf(&err).Elem()}
	}
	return reflect.MakeFunc(w.typ, func(args []reflect.Value) []reflect.Value {
		if err := r.check(); err != nil {
			return fail(err)
		}
		var res []reflect.Value
		if w.variadic {
			res = v.CallSlice(args)
		} else {
			res = v.Call(args)
		}
		if len(res) == 2 && !res[1].IsNil() {
			return res
		}
		if err := r.spend(res[0]); err != nil {
			return fail(err)
		}
		return []reflect.Value{res[0], noErr}
	}).Interface()
}

// wrapper is what guard needs to know about a function type: the type of
// the wrapper it makes and the zero result it fails with.
type wrapper struct {
	typ      reflect.Type  // the function type with an error result added, if it had none
	zero     reflect.Value // zero value of the first result
	variadic bool
}

// wrappers caches a *wrapper by function type: reflect.FuncOf is slow, and
// every rendering's functions have the same few dozen types.
var wrappers sync.Map // reflect.Type → *wrapper

var noErr = reflect.Zero(errorType)

// wrapperOf returns the wrapper for function type t, making it once.
func wrapperOf(t reflect.Type) *wrapper {
	if w, ok := wrappers.Load(t); ok {
		return w.(*wrapper)
	}
	wt := t
	if t.NumOut() == 1 {
		in := make([]reflect.Type, t.NumIn())
		for i := range in {
			in[i] = t.In(i)
		}
		wt = reflect.FuncOf(in, []reflect.Type{t.Out(0), errorType}, t.IsVariadic())
	}
	w, _ := wrappers.LoadOrStore(t, &wrapper{typ: wt, zero: reflect.Zero(t.Out(0)), variadic: t.IsVariadic()})
	return w.(*wrapper)
}

// spend accounts for a value a function returned.
func (r *run) spend(v reflect.Value) error {
	n, deep := measure(v, r.maxValue)
	switch {
	case deep:
		return fmt.Errorf("the result has lists or dicts nested more than %d deep, or one that contains itself", maxNesting)
	case n > r.maxValue:
		return fmt.Errorf("the result is larger than %s; check for runaway loops", size(r.maxValue))
	}
	r.spent += n
	if limit := spendFactor * r.maxValue; r.spent > limit {
		return fmt.Errorf("the template has computed more than %s of values; check for runaway loops", size(limit))
	}
	return nil
}

// measure estimates the memory v holds: string bytes plus the size of
// each element of a slice, array or map, looking inside elements that are
// strings, slices, maps or interfaces (not structs or pointers, which only
// come from the caller's data). It stops counting once past limit. deep
// reports nesting beyond maxNesting, which is also how a map that contains
// itself shows.
func measure(v reflect.Value, limit int) (n int, deep bool) {
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if n > limit || deep {
			return
		}
		if depth > maxNesting {
			deep = true
			return
		}
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), depth)
			}
		case reflect.String:
			n += v.Len()
		case reflect.Slice, reflect.Array:
			et := v.Type().Elem()
			n += v.Len() * max(1, int(et.Size()))
			if inside(et) {
				for i := 0; i < v.Len() && n <= limit && !deep; i++ {
					walk(v.Index(i), depth+1)
				}
			}
		case reflect.Map:
			kt, et := v.Type().Key(), v.Type().Elem()
			n += v.Len() * max(1, int(kt.Size()+et.Size()))
			if inside(kt) || inside(et) {
				for it := v.MapRange(); n <= limit && !deep && it.Next(); {
					walk(it.Key(), depth+1)
					walk(it.Value(), depth+1)
				}
			}
		}
	}
	walk(v, 0)
	return n, deep
}

// inside reports whether measure looks inside values of type t.
func inside(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface, reflect.String, reflect.Slice, reflect.Array, reflect.Map:
		return true
	}
	return false
}

// rangeGuard is the name of the function checkTree puts at the end of
// every range pipeline. Templates could call it, but it only passes its
// argument through.
const rangeGuard = "_range"

// rangeOver passes on the value a range is about to iterate over, after
// counting its iterations against maxIterations and refusing a number
// above maxCount.
func (r *run) rangeOver(v any) (any, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	n := 0
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i := rv.Int()
		if i > maxCount {
			return nil, fmt.Errorf("range over %d is more than the limit of %s", i, count(maxCount))
		}
		n = max(int(i), 0)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > maxCount {
			return nil, fmt.Errorf("range over %d is more than the limit of %s", u, count(maxCount))
		}
		n = int(u)
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		n = rv.Len()
	}
	if r.iters += n; r.iters > maxIterations {
		return nil, fmt.Errorf("the loops have run more than %s times in all; check for runaway loops", count(maxIterations))
	}
	return v, nil
}

// callGuard and leaveGuard are the names of the functions checkTree puts
// around every {{template}} call: callGuard at the end of the call's
// pipeline, leaveGuard as the last action of every template's body. A
// template that calls itself without end therefore stops at maxDepth
// calls deep, long before text/template's own limit of 100,000 (which
// costs some 85 MB of stack), and a deadline that passes while it recurses
// stops it there and then.
const (
	callGuard  = "_call"
	leaveGuard = "_leave"
)

// enter counts a {{template}} call and passes on its data (none when the
// call gives none).
func (r *run) enter(args ...any) (any, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if r.depth++; r.depth > maxDepth {
		return nil, fmt.Errorf("templates call one another more than %d deep; does a template call itself without end?", maxDepth)
	}
	if len(args) == 0 {
		return nil, nil
	}
	return args[len(args)-1], nil
}

// leave ends a template's body: the call that ran it is over. It prints
// nothing.
func (r *run) leave() string {
	r.depth--
	return ""
}

// checkTree looks over a parsed template before it runs. It refuses a
// range over a number literal above maxCount and a {{template}} of a name
// that is not defined, and appends rangeGuard to every range pipeline so
// that ranges over computed numbers and runaway nested loops are caught
// while running. Positions in the returned *Error are in t's text.
func checkTree(t *parse.Tree, defined func(name string) bool) *Error {
	var err *Error
	fail := func(n parse.Node, format string, args ...any) {
		if err == nil {
			line, col := position(t, n)
			err = &Error{Path: t.ParseName, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
		}
	}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			if num := literal(n.Pipe); num != nil && (num.IsInt && num.Int64 > maxCount || num.IsUint && num.Uint64 > maxCount) {
				fail(num, "range over %s is more than the limit of %s", num.Text, count(maxCount))
			}
			pos := n.Pipe.Position()
			id := parse.NewIdentifier(rangeGuard).SetTree(t).SetPos(pos)
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{id}})
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			if !defined(n.Name) {
				fail(n, "no template named %q", n.Name)
			}
			id := parse.NewIdentifier(callGuard).SetTree(t).SetPos(n.Pos)
			cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}}
			if n.Pipe == nil {
				n.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line}
			}
			n.Pipe.Cmds = append(n.Pipe.Cmds, cmd)
		}
	}
	if t.Root != nil {
		walk(t.Root)
		pos := t.Root.Pos
		id := parse.NewIdentifier(leaveGuard).SetTree(t).SetPos(pos)
		cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{id}}
		pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{cmd}}
		t.Root.Nodes = append(t.Root.Nodes, &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: pipe})
	}
	return err
}

// calledFuncs adds to names every function t calls by name: each
// identifier in it, wherever it stands (the command of a pipeline, an
// argument, the start of a chain), including the range guards checkTree
// added. Only these functions can be looked up when t runs.
func calledFuncs(t *parse.Tree, names map[string]bool) {
	var walk func(n parse.Node)
	pipe := func(p *parse.PipeNode) {
		if p != nil {
			walk(p)
		}
	}
	list := func(l *parse.ListNode) {
		if l != nil {
			walk(l)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.IdentifierNode:
			names[n.Ident] = true
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			pipe(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			pipe(n.Pipe)
			list(n.List)
			list(n.ElseList)
		case *parse.RangeNode:
			pipe(n.Pipe)
			list(n.List)
			list(n.ElseList)
		case *parse.WithNode:
			pipe(n.Pipe)
			list(n.List)
			list(n.ElseList)
		case *parse.TemplateNode:
			pipe(n.Pipe)
		}
		// The other nodes (text, comments, fields, variables, dot,
		// literals, break, continue) hold no identifiers.
	}
	if t.Root != nil {
		walk(t.Root)
	}
}

// literal returns the number a pipeline consists of, looking through
// parentheses, or nil.
func literal(p *parse.PipeNode) *parse.NumberNode {
	for p != nil && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		switch a := p.Cmds[0].Args[0].(type) {
		case *parse.NumberNode:
			return a
		case *parse.PipeNode:
			p = a
		default:
			return nil
		}
	}
	return nil
}

// position returns the 1-based line and column of n in t's text.
func position(t *parse.Tree, n parse.Node) (line, col int) {
	loc, _ := t.ErrorContext(n) // "name:line:col", col 0-based
	i := strings.LastIndexByte(loc, ':')
	j := strings.LastIndexByte(loc[:max(i, 0)], ':')
	if i < 0 || j < 0 {
		return 0, 0
	}
	line, _ = strconv.Atoi(loc[j+1 : i])
	col, _ = strconv.Atoi(loc[i+1:])
	return line, col + 1
}

// count formats n ≥ 0 with thousands separators: 10,000.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
