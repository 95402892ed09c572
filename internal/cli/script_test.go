package cli

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"relief": func() { os.Exit(Main(os.Args[1:], StdStreams())) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// txtar archive of files and `exec relief …` lines with expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir) // nothing may depend on the user's home
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// perm MODE PATH requires PATH's permission bits to be MODE (octal).
			"perm": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: perm MODE PATH")
				}
				want, err := strconv.ParseUint(args[0], 8, 32)
				if err != nil {
					ts.Fatalf("perm: %v", err)
				}
				st, err := os.Stat(ts.MkAbs(args[1]))
				if err != nil {
					ts.Fatalf("perm: %v", err)
				}
				if got := st.Mode().Perm(); (uint64(got) == want) == neg {
					ts.Fatalf("%s has mode %#o, want %#o", args[1], got, want)
				}
			},
			// pdftext PDF prints the text of PDF's pages (as a PDF reader
			// extracts it) to stdout, for stdout and cmp to check.
			"pdftext": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: pdftext PDF")
				}
				b, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				doc, err := pdftext.Read(b)
				ts.Check(err)
				ts.Stdout().Write([]byte(strings.Join(doc.Pages, "\n")))
			},
			// replace OLD NEW FILE replaces every OLD in FILE with NEW, as a
			// user editing a file would.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace OLD NEW FILE")
				}
				path := ts.MkAbs(args[2])
				b, err := os.ReadFile(path)
				ts.Check(err)
				if !strings.Contains(string(b), args[0]) {
					ts.Fatalf("replace: %q is not in %s", args[0], args[2])
				}
				ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(b), args[0], args[1])), 0o600))
			},
			// mvq OLD NEW renames OLD to NEW, a Go string literal without
			// its quotes, so that a name can hold a control character.
			"mvq": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: mvq OLD NEW")
				}
				name, err := strconv.Unquote(`"` + args[1] + `"`)
				ts.Check(err)
				ts.Check(os.Rename(ts.MkAbs(args[0]), ts.MkAbs(name)))
			},
			// mkfifo PATH makes a named pipe.
			"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: mkfifo PATH")
				}
				ts.Check(mkfifo(ts.MkAbs(args[0])))
			},
			// flipbyte PATH changes the last byte of PATH, keeping its size.
			"flipbyte": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: flipbyte PATH")
				}
				b, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				b[len(b)-1] ^= 1
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o600))
			},
			// exits N CMD ARGS... runs CMD and requires exit status N.
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: exits CODE CMD [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exits: %v", err)
				}
				got := 0
				var ee *exec.ExitError
				if err := ts.Exec(args[1], args[2:]...); errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("exits: %v", err)
				}
				if (got == want) == neg {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}
