package main

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/cli"
	_ "github.com/reliefkit/relief/internal/golden" // defines -update for `go test ./... -update`
)

// notRun are README lines the README test leaves out, with the reason.
var notRun = map[string]string{
	"bash .ci/run": "it is the test suite that runs this test",
}

// TestREADME runs every ```sh block of README.md, in order, in a fresh
// copy of the repository, as a new user following the README would: each
// command must exit 0. A block right after a line starting
// "<!-- not run by TestREADME:" (which says why) is left out: regenerating
// the page images needs poppler, which a fresh machine may not have.
// It keeps the README from rotting: a renamed flag, a command that now
// refuses an existing folder, or an example that moved fails here.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := shellBlocks(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 3 {
		t.Fatalf("found %d sh blocks in README.md; the extraction is broken", len(blocks))
	}
	clone := t.TempDir()
	if err := copyTree(repo, clone); err != nil {
		t.Fatal(err)
	}
	env := readmeEnv(t, gobin, clone)
	for _, b := range blocks {
		var script []string
		for _, line := range strings.Split(b.text, "\n") {
			if _, skip := notRun[strings.TrimSpace(line)]; !skip {
				script = append(script, line)
			}
		}
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", strings.Join(script, "\n"))
		cmd.Dir, cmd.Env = clone, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("README.md:%d: the block fails: %v\n%s\n--- output:\n%s", b.line, err, b.text, out)
		}
	}
}

type block struct {
	line int // of the opening fence; negative for a block not to run
	text string
}

// shellBlocks returns the ```sh fenced blocks of a Markdown file.
func shellBlocks(path string) ([]block, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var blocks []block
	var cur *block
	var lines []string
	skip := false // the block to come is marked not to run
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(strings.TrimSpace(line), "<!-- not run by TestREADME:"):
			skip = true
		case cur == nil && strings.TrimSpace(line) == "```sh" && skip:
			cur, lines, skip = &block{line: -n}, nil, false
		case cur == nil && strings.TrimSpace(line) == "```sh":
			cur, lines = &block{line: n}, nil
		case cur != nil && strings.TrimSpace(line) == "```":
			cur.text = strings.Join(lines, "\n")
			if cur.line > 0 {
				blocks = append(blocks, *cur)
			}
			cur = nil
		case cur != nil:
			lines = append(lines, line)
		}
	}
	return blocks, sc.Err()
}

// readmeEnv is a new user's environment: their own empty home and config
// folder, but the machine's Go caches so that builds are not cold.
func readmeEnv(t *testing.T, gobin, dir string) []string {
	home := filepath.Join(dir, ".home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOFLAGS", "GOTOOLCHAIN"} {
		out, err := exec.Command(gobin, "env", k).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", k, err)
		}
		if v := strings.TrimSpace(string(out)); v != "" {
			keep[k+"="+v] = true
		}
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "LANG=C.UTF-8"}
	for kv := range keep {
		env = append(env, kv)
	}
	return env
}

// copyTree copies the repository's files (not .git) from src into dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") && d.Name() != ".ci" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// TestREADMESamples checks every output sample in README.md against the
// real output: a fenced block right after a line
// `<!-- sample of: relief ARGS... -->` must appear, line for line and in
// one piece, in what `relief ARGS...` prints, so the README never shows
// output relief no longer gives.
func TestREADMESamples(t *testing.T) {
	repo := filepath.Join("..", "..")
	b, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	found := 0
	for i, line := range lines {
		args, ok := strings.CutPrefix(strings.TrimSpace(line), "<!-- sample of: relief ")
		if !ok {
			continue
		}
		args, _ = strings.CutSuffix(args, " -->")
		if i+1 >= len(lines) || lines[i+1] != "```" {
			t.Fatalf("README.md:%d: a sample marker must be followed by a ``` block", i+1)
		}
		var sample []string
		for _, l := range lines[i+2:] {
			if l == "```" {
				break
			}
			sample = append(sample, l)
		}
		found++
		var out, errOut strings.Builder
		argv := strings.Fields(args)
		for j, a := range argv {
			if strings.HasPrefix(a, "examples/") {
				argv[j] = filepath.Join(repo, a)
			}
		}
		if code := cli.Main(argv, cli.Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}); code != 0 {
			t.Fatalf("README.md:%d: relief %s exited %d: %s", i+1, args, code, errOut.String())
		}
		if !strings.Contains(out.String(), strings.Join(sample, "\n")+"\n") {
			t.Errorf("README.md:%d: the sample is not what relief %s prints now; replace it with the matching lines of:\n%s", i+1, args, out.String())
		}
	}
	if found == 0 {
		t.Fatal("no sample markers in README.md; the test would check nothing")
	}
}
