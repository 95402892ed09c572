package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// The profile is written like every output: 0600 whatever the umask, never
// through a link.
func TestStartProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cpu.prof")
	stop, err := StartProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(path)
	if err != nil || st.Mode().Perm() != 0o600 || !st.Mode().IsRegular() {
		t.Fatalf("profile: %v %v", st, err)
	}

	target := filepath.Join(dir, "victim")
	os.WriteFile(target, []byte("not a profile"), 0o644)
	link := filepath.Join(dir, "link.prof")
	os.Symlink(target, link)
	if _, err := StartProfile(link); err == nil {
		t.Fatal("StartProfile wrote through a link")
	}
	if b, _ := os.ReadFile(target); string(b) != "not a profile" {
		t.Errorf("the link's target changed: %q", b)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".relief-*.tmp")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}
