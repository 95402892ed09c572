package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/safefile"
)

// StateFile is the name of the state file in the output folder. It starts
// with "." so that no person's folder can take the name (safefile refuses
// such names) and listings of the people stay clean.
const StateFile = ".relief-batch.json"

// stateVersion is the format of the state file; another version is ignored
// (every person is then drafted again). Version 2 added each file's hash.
const stateVersion = 2

// maxStateSize caps the state file: about 1 KB a person, so room for a
// hundred thousand people and then some.
const maxStateSize = 256 << 20

// State is what earlier runs drafted into an output folder: per person, the
// key of the inputs the folder was drafted from and the files written. It
// lives outside the people's folders so that each folder holds exactly what
// `relief draft` writes, byte for byte.
type State struct {
	Version int              `json:"version"`
	People  map[string]Entry `json:"people"`
}

// Entry is one person's record.
type Entry struct {
	// Key is the SHA-256 of everything the drafted bytes depend on: the
	// input bytes (the case file, or the text made from the person's roster
	// rows), the as-of date, --sign and --final, every template's source,
	// the config file's defaults and the tool version. See Key and
	// TemplatesDigest.
	Key     string     `json:"key"`
	Status  string     `json:"status"` // ok or skipped
	Packets int        `json:"packets"`
	Pages   int        `json:"pages"`
	Files   []FileInfo `json:"files"` // every file written, manifest.json last
}

// FileInfo is one file written for a person.
type FileInfo struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"` // of the bytes written (hex)
}

// NewFileInfo describes a file about to be written with data.
func NewFileInfo(name string, data []byte) FileInfo {
	sum := sha256.Sum256(data)
	return FileInfo{Name: name, Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// NewState returns an empty state.
func NewState() *State { return &State{Version: stateVersion, People: map[string]Entry{}} }

// LoadState reads out's state file. A missing file, or one of another
// version, gives an empty state. The file must be a regular file (not a
// link, FIFO or device) of at most maxStateSize bytes, and its content is
// validated (see validate) before anything acts on it: a state file that
// fails is an error, since relief removes files on its word.
func LoadState(out string) (*State, error) {
	path := filepath.Join(out, StateFile)
	b, err := safefile.ReadRegular(path, maxStateSize, safefile.NoFollow)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, &StateError{Path: path, Err: err}
	}
	var head struct {
		Version int `json:"version"`
	}
	if json.Unmarshal(b, &head) == nil && head.Version != stateVersion {
		return NewState(), nil
	}
	var s State
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, &StateError{Path: path, Err: err}
	}
	if err := s.validate(); err != nil {
		return nil, &StateError{Path: path, Err: err}
	}
	return &s, nil
}

// StateError is a state file relief cannot trust: unreadable, not a
// regular file, or not what relief batch writes.
type StateError struct {
	Path string
	Err  error
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s is not a batch state file relief can use (%v); remove it to draft everyone again, or choose another -o folder", e.Path, e.Err)
}

func (e *StateError) Unwrap() error { return e.Err }

// validate checks what relief acts on: person and file names that are
// plain names (a forged "../x" would aim a removal elsewhere), statuses,
// sizes and hashes of the right form, no file listed twice.
func (s *State) validate() error {
	if s.People == nil {
		return errors.New("no people")
	}
	for person, e := range s.People {
		if _, err := safefile.Join(".", person); err != nil {
			return fmt.Errorf("person %q: %v", person, err)
		}
		if !isHex(e.Key) {
			return fmt.Errorf("person %q: the key is not a SHA-256", person)
		}
		if e.Status != StatusOK && e.Status != StatusSkipped {
			return fmt.Errorf("person %q: unknown status %q", person, e.Status)
		}
		if e.Packets < 0 || e.Pages < 0 || len(e.Files) > maxFiles {
			return fmt.Errorf("person %q: impossible counts", person)
		}
		seen := map[string]bool{}
		for _, f := range e.Files {
			if _, err := safefile.JoinTree(".", f.Name); err != nil {
				return fmt.Errorf("person %q: %v", person, err)
			}
			if seen[strings.ToLower(f.Name)] || f.Bytes < 0 || !isHex(f.SHA256) {
				return fmt.Errorf("person %q: file %q is listed twice or has an impossible size or hash", person, f.Name)
			}
			seen[strings.ToLower(f.Name)] = true
		}
	}
	return nil
}

// maxFiles is more files than one person's folder ever holds.
const maxFiles = 1000

// isHex reports whether s is a SHA-256 in lower-case hex.
func isHex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// HasState reports whether out holds a state file.
func HasState(out string) bool {
	_, err := os.Lstat(filepath.Join(out, StateFile))
	return err == nil
}

// Intact reports whether every file of the entry is in dir with the
// content it was written with (compared by SHA-256, so an edit that keeps
// the size is seen): a person whose files were deleted, truncated or
// edited is drafted again. dir must be a folder, not a link, and so must
// each file.
func (e Entry) Intact(dir string) bool {
	if safefile.CheckDir(dir) != nil {
		return false
	}
	for _, f := range e.Files {
		if !f.Matches(dir) {
			return false
		}
	}
	return true
}

// OwnsAll reports whether every one of names that exists in dir is a file
// of the entry still holding the bytes recorded for it: files relief may
// replace. A name the entry does not record, or a file changed since, is
// not relief's.
func (e Entry) OwnsAll(dir string, names []string) bool {
	if safefile.CheckDir(dir) != nil {
		return false
	}
	for _, name := range names {
		p, err := safefile.JoinTree(dir, name)
		if err != nil {
			return false
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		i := slices.IndexFunc(e.Files, func(f FileInfo) bool { return f.Name == name })
		if i < 0 || !e.Files[i].Matches(dir) {
			return false
		}
	}
	return true
}

// Matches reports whether dir/Name is a regular file (not a link) holding
// exactly the bytes the record's hash names.
func (f FileInfo) Matches(dir string) bool {
	p, err := safefile.JoinTree(dir, f.Name)
	if err != nil {
		return false
	}
	fh, err := safefile.OpenRegular(p, safefile.NoFollow)
	if err != nil {
		return false
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || st.Size() != f.Bytes {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(fh, f.Bytes+1)); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == f.SHA256
}

// Save writes the state to out atomically (a private temporary file,
// synced, then renamed over the old one), with mode 0600. It writes one
// person at a time, in sorted order, so that saving a large state does not
// build all of it in memory again.
func (s *State) Save(out string) error {
	// The temporary name matches safefile's, so safefile.CleanTemps removes
	// one left by a crash.
	f, err := os.CreateTemp(out, ".relief-*.tmp")
	if err != nil {
		return fmt.Errorf("writing the batch state: %w", err)
	}
	tmp := f.Name()
	err = func() error {
		if err := f.Chmod(0o600); err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		if err := s.write(w); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Sync()
	}()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(out, StateFile))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the batch state: %w", err)
	}
	return nil
}

// write writes the state as indented JSON, one person at a time.
func (s *State) write(w *bufio.Writer) error {
	fmt.Fprintf(w, "{\n  \"version\": %d,\n  \"people\": {", s.Version)
	var el bytes.Buffer
	enc := json.NewEncoder(&el)
	enc.SetIndent("    ", "  ")
	for i, name := range slices.Sorted(maps.Keys(s.People)) {
		el.Reset()
		if i > 0 {
			el.WriteByte(',')
		}
		el.WriteString("\n    ")
		k, _ := json.Marshal(name)
		el.Write(k)
		el.WriteString(": ")
		if err := enc.Encode(s.People[name]); err != nil {
			return err
		}
		el.Truncate(el.Len() - 1)
		if _, err := w.Write(el.Bytes()); err != nil {
			return err
		}
	}
	if len(s.People) > 0 {
		w.WriteString("\n  ")
	}
	_, err := w.WriteString("}\n}\n")
	return err
}

// RemoveStale removes from dir the files of old that keep does not hold
// (packets an earlier run wrote that this run did not write again), so
// that the folder holds what relief draft would write. It removes a file
// only when it still holds the bytes relief recorded for it: a file
// someone changed or put there, a link, or anything in a dir that is
// itself a link, is left alone and named in the returned list.
func RemoveStale(dir string, old []FileInfo, keep map[string]bool) (left []string, err error) {
	if err := safefile.CheckDir(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	for _, f := range old {
		if keep[f.Name] {
			continue
		}
		p, err := safefile.JoinTree(dir, f.Name)
		if err != nil {
			continue // validated away by LoadState; never a name relief writes
		}
		if !f.Matches(dir) {
			if _, err := os.Lstat(p); err == nil {
				left = append(left, f.Name)
			}
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return left, err
		}
	}
	return left, nil
}
